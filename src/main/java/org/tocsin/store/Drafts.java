package org.tocsin.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import org.tocsin.alert.AlertStatus;
import org.tocsin.alert.XmlText;
import org.tocsin.store.ActionRefusedException.Reason;

/**
 * Manual alerts drafted in the console and their two-person approval.
 *
 * <p>The rules, each checked here whatever the caller checked before: only roles that {@link
 * Role#mayDraft} draft; only {@link Role#mayApprove} decide; nobody approves their own draft (the
 * database refuses it too); only a pending draft is decided; and an approval must state the draft's
 * status, so that nobody approves a real alert believing it a drill. A draft's status is written
 * once, at drafting: no statement here updates it.
 *
 * <p>Every draft, approval and rejection is journalled as an {@code operator-action} in the same
 * commit. An approval's record holds the draft's status and content, so that a restart can put the
 * alert back in force from the journal alone.
 */
public final class Drafts {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int LIST_LIMIT = 200;
  private static final int MAX_NOTE_LENGTH = 1_000;

  private final Database database;
  private final Clock clock;

  public Drafts(Database database, Clock clock) {
    this.database = Objects.requireNonNull(database, "database");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Stores a new pending draft.
   *
   * @param contentJson a JSON object, validated by the caller
   * @throws ActionRefusedException when the account may not draft
   * @throws IllegalArgumentException when the content is not a JSON object
   */
  public Draft create(Account by, AlertStatus status, String contentJson) {
    Objects.requireNonNull(status, "status");
    JsonNode content = parse(contentJson);
    if (!by.role().mayDraft()) {
      throw new ActionRefusedException(
          Reason.FORBIDDEN,
          "role " + by.role().id() + " may not draft alerts; operators and approvers may");
    }
    return OperatorActions.inOneCommit(
        database,
        clock,
        "store a draft",
        (connection, recorder) -> {
          long id = nextId(connection);
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "INSERT INTO drafts (id, status, content, state, created_by, created_at)"
                      + " VALUES (?, ?, ?, 'pending', ?, ?)")) {
            statement.setLong(1, id);
            statement.setString(2, status.capName());
            statement.setString(3, contentJson);
            statement.setString(4, by.name());
            Timestamps.setInstant(statement, 5, recorder.at());
            statement.executeUpdate();
          }
          recorder.record(ActionKind.DRAFT_CREATED, by, details(id, status, content));
          return read(connection, id, false).orElseThrow();
        });
  }

  /** The draft {@code id}, if there is one. */
  public Optional<Draft> find(long id) {
    return Transactions.inTransaction(
        database, "read a draft", connection -> read(connection, id, false));
  }

  /** The latest drafts, newest first (at most 200). */
  public List<Draft> list() {
    return Transactions.inTransaction(
        database,
        "list drafts",
        connection -> {
          try (PreparedStatement statement =
              connection.prepareStatement(SELECT + " ORDER BY id DESC LIMIT " + LIST_LIMIT)) {
            List<Draft> drafts = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
              while (rows.next()) {
                drafts.add(draft(rows));
              }
            }
            return drafts;
          }
        });
  }

  /**
   * Approves a pending draft of another account; the caller then puts its alert in force.
   *
   * @param confirmedStatus the status the approver was shown and confirmed
   * @throws ActionRefusedException FORBIDDEN for a role that may not approve or for one's own
   *     draft; CONFLICT when the draft is not pending or the confirmed status is not its status
   * @throws java.util.NoSuchElementException when there is no such draft
   */
  public Draft approve(long id, Account by, AlertStatus confirmedStatus) {
    Objects.requireNonNull(confirmedStatus, "confirmedStatus");
    return decide(
        id,
        by,
        "approve",
        (connection, recorder, draft) -> {
          if (draft.createdBy().equals(by.name())) {
            throw new ActionRefusedException(
                Reason.FORBIDDEN,
                "draft "
                    + id
                    + " was drafted by "
                    + by.name()
                    + ": another person must approve it");
          }
          ActionRefusedException.requireConfirmed(
              "draft " + id, draft.status(), "the approval", confirmedStatus);
          setDecision(connection, id, DraftState.APPROVED, by, recorder, null);
          ObjectNode details = details(id, draft.status(), parse(draft.contentJson()));
          details.put("threat", draft.threatId());
          recorder.record(ActionKind.DRAFT_APPROVED, by, details);
        });
  }

  /**
   * Rejects a pending draft. Its author may reject it too (an approver drafts as well): that is a
   * withdrawal, recorded as a rejection whose decider is the drafter.
   *
   * @param reason why, for the drafter: 1 to 1,000 characters
   * @throws ActionRefusedException FORBIDDEN for a role that may not decide; CONFLICT when the
   *     draft is not pending
   * @throws IllegalArgumentException when the reason is blank or too long
   * @throws java.util.NoSuchElementException when there is no such draft
   */
  public Draft reject(long id, Account by, String reason) {
    if (reason == null || reason.isBlank() || reason.length() > MAX_NOTE_LENGTH) {
      throw new IllegalArgumentException(
          "reason: must be 1 to " + MAX_NOTE_LENGTH + " characters, not blank");
    }
    XmlText.require("reason", reason);
    return decide(
        id,
        by,
        "reject",
        (connection, recorder, draft) -> {
          setDecision(connection, id, DraftState.REJECTED, by, recorder, reason);
          ObjectNode details = JSON.createObjectNode();
          details.put("draft", id);
          details.put("status", draft.status().capName());
          details.put("reason", reason);
          recorder.record(ActionKind.DRAFT_REJECTED, by, details);
        });
  }

  @FunctionalInterface
  private interface Decision {
    void make(Connection connection, OperatorActions.Recorder recorder, Draft draft)
        throws SQLException;
  }

  private Draft decide(long id, Account by, String verb, Decision decision) {
    if (!by.role().mayApprove()) {
      throw new ActionRefusedException(
          Reason.FORBIDDEN,
          "role " + by.role().id() + " may not " + verb + " drafts; approvers may");
    }
    return OperatorActions.inOneCommit(
        database,
        clock,
        verb + " draft " + id,
        (connection, recorder) -> {
          Draft draft =
              read(connection, id, true)
                  .orElseThrow(() -> new NoSuchElementException("there is no draft " + id));
          if (draft.state() != DraftState.PENDING) {
            throw new ActionRefusedException(
                Reason.CONFLICT,
                "draft "
                    + id
                    + " is "
                    + draft.state().id()
                    + " already: only a pending draft is decided");
          }
          decision.make(connection, recorder, draft);
          return read(connection, id, false).orElseThrow();
        });
  }

  private static void setDecision(
      Connection connection,
      long id,
      DraftState state,
      Account by,
      OperatorActions.Recorder recorder,
      String note)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "UPDATE drafts SET state = ?, decided_by = ?, decided_at = ?, note = ?"
                + " WHERE id = ? AND state = 'pending'")) {
      statement.setString(1, state.id());
      statement.setString(2, by.name());
      Timestamps.setInstant(statement, 3, recorder.at());
      statement.setString(4, note);
      statement.setLong(5, id);
      statement.executeUpdate();
    }
  }

  private static ObjectNode details(long id, AlertStatus status, JsonNode content) {
    ObjectNode details = JSON.createObjectNode();
    details.put("draft", id);
    details.put("status", status.capName());
    details.set("content", content);
    return details;
  }

  private static final String SELECT =
      "SELECT id, status, content, state, created_by, created_at, decided_by, decided_at, note"
          + " FROM drafts";

  private static long nextId(Connection connection) throws SQLException {
    // Drafts are created inside the journal's commit, which serialises writers.
    try (PreparedStatement statement =
            connection.prepareStatement("SELECT COALESCE(MAX(id), 0) + 1 FROM drafts");
        ResultSet rows = statement.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static Optional<Draft> read(Connection connection, long id, boolean forUpdate)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(SELECT + " WHERE id = ?" + (forUpdate ? " FOR UPDATE" : ""))) {
      statement.setLong(1, id);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? Optional.of(draft(rows)) : Optional.empty();
      }
    }
  }

  private static Draft draft(ResultSet rows) throws SQLException {
    return new Draft(
        rows.getLong("id"),
        AlertStatus.parse("status", rows.getString("status")),
        rows.getString("content"),
        DraftState.fromId(rows.getString("state")),
        rows.getString("created_by"),
        Timestamps.getInstant(rows, "created_at"),
        Optional.ofNullable(rows.getString("decided_by")),
        Optional.ofNullable(Timestamps.getInstant(rows, "decided_at")),
        Optional.ofNullable(rows.getString("note")));
  }

  private static JsonNode parse(String contentJson) {
    Objects.requireNonNull(contentJson, "contentJson");
    try {
      JsonNode node = JSON.readTree(contentJson);
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException("draft content must be a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "draft content must be JSON: " + e.getOriginalMessage(), e);
    }
  }
}
