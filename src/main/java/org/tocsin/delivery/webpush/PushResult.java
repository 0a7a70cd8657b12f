package org.tocsin.delivery.webpush;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What became of one push message, and what the caller should do next.
 *
 * @param outcome what to do: nothing, remove the subscription, retry, or give up
 * @param httpStatus the push service's status, absent when no answer came (a timeout, a refused
 *     connection)
 * @param retryAfter how long the push service asked to wait ({@code Retry-After}), if it did
 * @param reason why, in a few words, for the log and the dead letter: the push service's body (at
 *     most {@value WebPushClient#MAX_REASON_BYTES} bytes of it) or the transport's error
 */
public record PushResult(
    Outcome outcome, OptionalInt httpStatus, Optional<Duration> retryAfter, String reason) {

  public PushResult {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(httpStatus, "httpStatus");
    Objects.requireNonNull(retryAfter, "retryAfter");
    Objects.requireNonNull(reason, "reason");
  }

  /** What a status means (RFC 8030 §5, §6.2, §7.3). */
  public enum Outcome {
    /** 2xx (201 Created, 202 Accepted): the push service has the message. */
    DELIVERED,
    /** 404 or 410: the subscription is gone; remove it and never send to it again. */
    GONE,
    /** 429, 5xx, or no answer: try again later, after {@code retryAfter} if given. */
    RETRY,
    /**
     * Any other status (400, 401, 403, 413, a redirect): retrying the same request will not help.
     */
    FAILED
  }
}
