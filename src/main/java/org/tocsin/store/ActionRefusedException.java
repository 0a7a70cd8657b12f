package org.tocsin.store;

import java.util.Objects;

/**
 * An operator action that the rules forbid, with the rule in the message; nothing was changed.
 * {@link Reason#FORBIDDEN}: the account may not do it (its role, or its own draft). {@link
 * Reason#CONFLICT}: it no longer applies (the draft was decided) or its confirmation does not match
 * what it would do.
 */
public final class ActionRefusedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why an action was refused. */
  public enum Reason {
    FORBIDDEN,
    CONFLICT
  }

  private final Reason reason;

  public ActionRefusedException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }
}
