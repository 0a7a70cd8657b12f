package org.tocsin.sensors;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A replay's clock on the wall clock: it reads {@code origin} when made, and runs {@code speed}
 * times faster than the wall clock from there. A batch dated {@code origin + d} is due {@code d /
 * speed} of wall time after; one that is late (the sender fell behind, a retry) is posted at once.
 */
public final class WallClockPace implements ReplayPace {

  private final Clock wall;
  private final Instant wallStart;
  private final Instant origin;
  private final double speed;

  /**
   * Starts the replay's clock now.
   *
   * @param origin what the replay's clock reads now: the server's time, for the reports to be dated
   *     on its clock
   * @param speed how much faster than real time, positive and finite
   * @throws IllegalArgumentException when the speed is not
   */
  public WallClockPace(Clock wall, Instant origin, double speed) {
    if (!(speed > 0) || !Double.isFinite(speed)) {
      throw new IllegalArgumentException("speed must be positive and finite, was " + speed);
    }
    this.wall = Objects.requireNonNull(wall, "wall");
    this.origin = Objects.requireNonNull(origin, "origin");
    this.speed = speed;
    this.wallStart = wall.instant();
  }

  /** When on the wall clock the replay's clock reaches {@code time}. */
  Instant wallTimeOf(Instant time) {
    Duration replayed = Duration.between(origin, time);
    return wallStart.plusNanos((long) (replayed.toNanos() / speed));
  }

  @Override
  public void awaitReplayTime(Instant time) throws InterruptedException {
    Duration wait = Duration.between(wall.instant(), wallTimeOf(time));
    if (!wait.isNegative() && !wait.isZero()) {
      Thread.sleep(wait.toMillis(), wait.toNanosPart() % 1_000_000);
    }
  }
}
