package org.tocsin.store;

import java.time.Instant;
import java.util.Objects;

/**
 * What a login attempt came to. Only {@link Ok} lets anyone in; the other outcomes are for the
 * server's logs and tests, and the web layer must show them all as one message, so that nobody
 * learns which names exist or which are locked.
 */
public sealed interface LoginResult {

  /** The password was right and the account is not locked. */
  record Ok(Account account) implements LoginResult {
    public Ok {
      Objects.requireNonNull(account, "account");
    }
  }

  /**
   * The password was wrong and counted as a failed attempt.
   *
   * @param remainingTries failed attempts left before the account is locked, at least 1
   */
  record Wrong(int remainingTries) implements LoginResult {}

  /** The account is locked until {@code until}; even the right password is refused. */
  record Locked(Instant until) implements LoginResult {
    public Locked {
      Objects.requireNonNull(until, "until");
    }
  }

  /** No account has that name. */
  record Unknown() implements LoginResult {}
}
