package org.tocsin.delivery;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** What one attempt to hand a payload to a subscriber came to. */
public sealed interface Outcome {

  /** Why, for the delivery's record; empty when delivered. */
  String reason();

  /** The receiver took it (a webhook's 2xx, a push service's 201). */
  record Delivered() implements Outcome {
    @Override
    public String reason() {
      return "";
    }
  }

  /**
   * Not now: try again later, no sooner than {@code retryAfter} if the receiver said so.
   *
   * @param retryAfter the receiver's Retry-After, if any
   */
  record Retry(String reason, Optional<Duration> retryAfter) implements Outcome {
    public Retry {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(retryAfter, "retryAfter");
    }
  }

  /** The subscriber no longer exists (a push service's 404 or 410): remove it. */
  record Gone(String reason) implements Outcome {
    public Gone {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Never: the payload will not be taken however often it is tried (a 413, say). */
  record Failed(String reason) implements Outcome {
    public Failed {
      Objects.requireNonNull(reason, "reason");
    }
  }

  static Outcome delivered() {
    return new Delivered();
  }

  static Outcome retry(String reason) {
    return new Retry(reason, Optional.empty());
  }
}
