package org.tocsin.sensors;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A test server's clock that runs {@code rate} times faster than real time from the moment it is
 * made, as {@code tocsin serve --replay} runs its own, so that a replay at that speed is dated on
 * it.
 */
public final class FastClock extends Clock {

  private final Clock wall = Clock.systemUTC();
  private final Instant wallStart = wall.instant();
  private final double rate;

  public FastClock(double rate) {
    this.rate = rate;
  }

  @Override
  public Instant instant() {
    Duration elapsed = Duration.between(wallStart, wall.instant());
    return wallStart.plusNanos((long) (elapsed.toNanos() * rate));
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("UTC only");
  }
}
