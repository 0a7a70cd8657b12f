package org.tocsin.node;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock for replays: time that stands at {@code origin} until the replay starts, then runs {@code
 * speed} times faster than the wall clock it reads.
 *
 * <p>It stands still until {@link #start}: a server takes seconds to come up (areas, keys, the
 * scenario's truth), and a clock that ran meanwhile would, at a hundred times real time, put the
 * replay's first reports minutes in the past, to be decided all at once, late.
 */
public final class ReplayClock extends Clock {

  private final Clock wall;
  private volatile Instant wallStart;
  private final Instant origin;
  private final double speed;

  public ReplayClock(Clock wall, Instant origin, double speed) {
    if (!(speed > 0) || !Double.isFinite(speed)) {
      throw new IllegalArgumentException("speed must be positive, was " + speed);
    }
    this.wall = wall;
    this.origin = origin;
    this.speed = speed;
  }

  /** Where the clock stands until it starts. */
  public Instant origin() {
    return origin;
  }

  /** Starts the clock from its origin now; it stands at its origin until then. */
  public void start() {
    wallStart = wall.instant();
  }

  /** How long on the wall clock until scenario time reaches {@code time} (zero if past). */
  public Duration wallDelayUntil(Instant time) {
    Duration scenario = Duration.between(instant(), time);
    return scenario.isNegative()
        ? Duration.ZERO
        : Duration.ofNanos((long) (scenario.toNanos() / speed));
  }

  @Override
  public Instant instant() {
    Instant started = wallStart;
    if (started == null) {
      return origin;
    }
    Duration elapsed = Duration.between(started, wall.instant());
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
