package org.tocsin.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.Objects;
import org.tocsin.alert.AlertStatus;
import org.tocsin.alert.MessageType;
import org.tocsin.store.ActionRefusedException.Reason;

/**
 * What operators do to alerts in force: the ready Cancel, correction and all-clear, journalled
 * before they go out so that a restart stands the same alerts down again.
 */
public final class AlertActions {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Database database;
  private final Clock clock;

  public AlertActions(Database database, Clock clock) {
    this.database = Objects.requireNonNull(database, "database");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Journals that {@code by} stands the threat's alert down with a message of {@code type}.
   *
   * @param status the alert's status, which the message keeps
   * @param confirmed the status the request confirmed
   * @throws ActionRefusedException FORBIDDEN when the account's role may not; CONFLICT when the
   *     confirmed status is not the alert's
   */
  public void standDown(
      Account by, String threatId, MessageType type, AlertStatus status, AlertStatus confirmed) {
    Objects.requireNonNull(threatId, "threatId");
    if (!by.role().mayStandDown()) {
      throw new ActionRefusedException(
          Reason.FORBIDDEN,
          "role " + by.role().id() + " may not stand alerts down; operators and approvers may");
    }
    ActionRefusedException.requireConfirmed(
        "the alert of threat " + threatId, status, "the request", confirmed);
    if (!type.endsWarnings()) {
      throw new IllegalArgumentException(
          "type: a stand-down is a cancel, correction or all-clear, was " + type);
    }
    ObjectNode details = JSON.createObjectNode();
    details.put("threat", threatId);
    details.put("type", type.name());
    details.put("status", status.capName());
    OperatorActions.inOneCommit(
        database,
        clock,
        "journal a stand-down",
        (connection, recorder) -> {
          recorder.record(ActionKind.ALERT_STOOD_DOWN, by, details);
          return null;
        });
  }
}
