package org.tocsin.store;

import java.util.Objects;
import org.tocsin.alert.AlertStatus;

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

  /**
   * Refuses an action whose confirmation states another status than that of what it would send, so
   * that nobody sends a real alert believing it a drill.
   *
   * @param subject what would be sent, e.g. {@code draft 5}
   * @param act what confirmed, e.g. {@code the approval}
   * @throws ActionRefusedException CONFLICT when the statuses differ
   */
  static void requireConfirmed(
      String subject, AlertStatus status, String act, AlertStatus confirmed) {
    if (confirmed != status) {
      throw new ActionRefusedException(
          Reason.CONFLICT,
          "confirmStatus: "
              + subject
              + " is "
              + status.inWords()
              + ", but "
              + act
              + " confirmed "
              + confirmed.word());
    }
  }
}
