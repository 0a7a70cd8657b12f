package org.tocsin.sensors;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a batch is tried before the replay gives up: enough for a load balancer to move off a
 * dead node and for a standby to take over (seconds), bounded so that a replay against a server
 * that is gone ends with an error rather than hanging.
 *
 * @param maxAttempts attempts per batch, the first included, at least 1
 * @param firstBackoff the wait before the first retry; it doubles with every retry after
 * @param maxBackoff the longest wait, a server's {@code Retry-After} included
 */
public record RetryPolicy(int maxAttempts, Duration firstBackoff, Duration maxBackoff) {

  /** 16 attempts, waits from 250 ms doubling to 5 s: about a minute per batch. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(16, Duration.ofMillis(250), Duration.ofSeconds(5));

  public RetryPolicy {
    Objects.requireNonNull(firstBackoff, "firstBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    if (firstBackoff.isNegative() || maxBackoff.compareTo(firstBackoff) < 0) {
      throw new IllegalArgumentException(
          "backoffs must satisfy 0 <= first <= max, were " + firstBackoff + " and " + maxBackoff);
    }
  }

  /**
   * The wait before retry number {@code retry} (1 for the first), at least what the server asked.
   */
  Duration backoff(int retry, Duration serverAsked) {
    Duration doubled = firstBackoff.multipliedBy(1L << Math.min(retry - 1, 20));
    Duration wait = doubled.compareTo(serverAsked) < 0 ? serverAsked : doubled;
    return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
  }
}
