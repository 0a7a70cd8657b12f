package org.tocsin.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per sensor: {@code ratePerSecond} tokens a second on average, bursts of up to
 * {@code burst}; a token per request, or per report. A misbehaving or compromised sensor cannot
 * starve the pipeline.
 */
final class RateLimiter {

  private final Clock clock;
  private final double ratePerSecond;
  private final double burst;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  private static final class Bucket {
    double tokens;
    Instant refilled;

    Bucket(double tokens, Instant refilled) {
      this.tokens = tokens;
      this.refilled = refilled;
    }
  }

  RateLimiter(Clock clock, double ratePerSecond, double burst) {
    if (!(ratePerSecond > 0) || !(burst >= 1)) {
      throw new IllegalArgumentException(
          "rate must be positive and burst at least 1, were " + ratePerSecond + " and " + burst);
    }
    this.clock = clock;
    this.ratePerSecond = ratePerSecond;
    this.burst = burst;
  }

  /** Takes a token for {@code sensor}; false when its bucket is empty. */
  boolean tryAcquire(String sensor) {
    return tryAcquire(sensor, 1);
  }

  /** Takes {@code permits} tokens for {@code sensor} at once; false, taking none, when short. */
  boolean tryAcquire(String sensor, int permits) {
    Instant now = clock.instant();
    Bucket bucket = buckets.computeIfAbsent(sensor, s -> new Bucket(burst, now));
    synchronized (bucket) {
      double elapsedS = Duration.between(bucket.refilled, now).toNanos() / 1e9;
      bucket.tokens = Math.min(burst, bucket.tokens + Math.max(0, elapsedS) * ratePerSecond);
      bucket.refilled = now;
      if (bucket.tokens >= permits) {
        bucket.tokens -= permits;
        return true;
      }
      return false;
    }
  }
}
