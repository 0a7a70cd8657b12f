package org.tocsin.flight;

import java.time.Duration;
import java.time.Instant;

/** Conversions between instants and the double seconds that integrators work in. */
final class Times {

  private Times() {}

  static double secondsBetween(Instant from, Instant to) {
    Duration duration = Duration.between(from, to);
    return duration.getSeconds() + duration.getNano() * 1e-9;
  }

  static Instant plusSeconds(Instant start, double seconds) {
    long whole = (long) Math.floor(seconds);
    long nanos = Math.round((seconds - whole) * 1e9);
    return start.plusSeconds(whole).plusNanos(nanos);
  }
}
