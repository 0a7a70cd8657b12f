package org.tocsin.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to try a failed delivery again, and when to give up: exponential backoff from {@code
 * firstDelay}, doubled per attempt up to {@code maxDelay}, with "equal jitter" (a delay drawn
 * uniformly from half to all of the backoff, so that receivers recovering from an outage are not
 * hit by every sender at once); a delivery is dead once it has been retried for {@code window}
 * since it was made. The attempts are thereby bounded: about {@code window / (maxDelay / 2)} plus
 * the doubling ones.
 *
 * @param firstDelay the backoff after the first failure
 * @param maxDelay the longest backoff
 * @param window how long a delivery is retried before it is dead
 */
public record RetryPolicy(Duration firstDelay, Duration maxDelay, Duration window) {

  /** Webhooks: retried for an hour, at most five minutes apart. */
  public static final RetryPolicy WEBHOOK =
      new RetryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofHours(1));

  /**
   * Web Push: a warning older than its time to arrival is no use, so fewer minutes; the push
   * service keeps the message itself meanwhile.
   */
  public static final RetryPolicy PUSH =
      new RetryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(30));

  public RetryPolicy {
    if (firstDelay.isNegative() || firstDelay.isZero()) {
      throw new IllegalArgumentException("firstDelay must be positive, was " + firstDelay);
    }
    if (maxDelay.compareTo(firstDelay) < 0) {
      throw new IllegalArgumentException(
          "maxDelay must be at least firstDelay " + firstDelay + ", was " + maxDelay);
    }
    if (window.isNegative()) {
      throw new IllegalArgumentException("window must not be negative, was " + window);
    }
  }

  /**
   * When to try again after failed attempt {@code attempt} (from 1) at {@code now}, or empty when
   * the delivery made at {@code createdAt} has been retried long enough.
   *
   * @param retryAfter the receiver's wish, honoured up to {@code maxDelay}
   */
  public Optional<Instant> next(
      int attempt,
      Instant createdAt,
      Instant now,
      Optional<Duration> retryAfter,
      RandomGenerator random) {
    if (!now.isBefore(createdAt.plus(window))) {
      return Optional.empty();
    }
    long backoffMs = firstDelay.toMillis();
    for (int i = 1; i < attempt && backoffMs < maxDelay.toMillis(); i++) {
      backoffMs *= 2;
    }
    backoffMs = Math.min(backoffMs, maxDelay.toMillis());
    long delayMs = backoffMs / 2 + random.nextLong(backoffMs / 2 + 1);
    long wishedMs = retryAfter.map(Duration::toMillis).orElse(0L);
    delayMs = Math.max(delayMs, Math.min(wishedMs, maxDelay.toMillis()));
    return Optional.of(now.plusMillis(delayMs));
  }
}
