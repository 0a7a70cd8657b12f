package org.tocsin.flight;

import java.time.Duration;
import java.time.Instant;

/** Conversions between instants and the double seconds that computations work in. */
public final class Times {

  private Times() {}

  /** Seconds from {@code from} to {@code to}, negative when {@code to} is earlier. */
  public static double secondsBetween(Instant from, Instant to) {
    Duration duration = Duration.between(from, to);
    return duration.getSeconds() + duration.getNano() * 1e-9;
  }

  /** {@code start} plus a number of seconds, to the nanosecond. */
  public static Instant plusSeconds(Instant start, double seconds) {
    long whole = (long) Math.floor(seconds);
    long nanos = Math.round((seconds - whole) * 1e9);
    return start.plusSeconds(whole).plusNanos(nanos);
  }

  /** A number of seconds as a duration, to the nanosecond. */
  public static Duration ofSeconds(double seconds) {
    return Duration.ofNanos(Math.round(seconds * 1e9));
  }
}
