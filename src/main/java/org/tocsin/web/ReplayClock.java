package org.tocsin.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock for replays: scenario time that starts at {@code origin} when the replay starts and runs
 * {@code speed} times faster than the wall clock it reads.
 */
final class ReplayClock extends Clock {

  private final Clock wall;
  private final Instant wallStart;
  private final Instant origin;
  private final double speed;

  ReplayClock(Clock wall, Instant origin, double speed) {
    if (!(speed > 0) || !Double.isFinite(speed)) {
      throw new IllegalArgumentException("speed must be positive, was " + speed);
    }
    this.wall = wall;
    this.wallStart = wall.instant();
    this.origin = origin;
    this.speed = speed;
  }

  /** How long on the wall clock until scenario time reaches {@code time} (zero if past). */
  Duration wallDelayUntil(Instant time) {
    Duration scenario = Duration.between(instant(), time);
    return scenario.isNegative()
        ? Duration.ZERO
        : Duration.ofNanos((long) (scenario.toNanos() / speed));
  }

  @Override
  public Instant instant() {
    Duration elapsed = Duration.between(wallStart, wall.instant());
    return origin.plusNanos((long) (elapsed.toNanos() * speed));
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("replay clocks are UTC");
  }
}
