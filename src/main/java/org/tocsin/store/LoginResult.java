package org.tocsin.store;

import java.util.Objects;

/**
 * What a login attempt came to. Only {@link Ok} lets anyone in. The web layer must show {@link
 * Wrong} and {@link Unknown} as one message, so that nobody learns which names exist; {@link Busy}
 * happens whatever the name.
 */
public sealed interface LoginResult {

  /** The password was right. */
  record Ok(Account account) implements LoginResult {
    public Ok {
      Objects.requireNonNull(account, "account");
    }
  }

  /**
   * The password was wrong.
   *
   * @param failuresInARow wrong passwords for the account since its last login, this one included
   */
  record Wrong(int failuresInARow) implements LoginResult {}

  /** No account has that name. */
  record Unknown() implements LoginResult {}

  /**
   * The server was hashing as many passwords as it may for longer than a login waits: nothing was
   * checked, and trying again in a moment is the answer.
   */
  record Busy() implements LoginResult {}
}
