package org.tocsin.store;

import java.time.Duration;

/**
 * Every turn at password hashing was taken for longer than a caller may wait: the server is under a
 * flood of logins. Trying again in a moment is the answer.
 */
public final class PasswordHashingBusyException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  PasswordHashingBusyException(Duration waited) {
    super("every turn at password hashing stayed taken for " + waited.toSeconds() + " s");
  }
}
