package org.tocsin.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
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
 * Upstream authorities' alerts relayed, journalled before they go out so that a restart relays the
 * same alerts again, and, when a person must approve first, the drafts waiting for that approval.
 *
 * <p>Every relay is journalled as an {@code operator-action} of kind {@link
 * ActionKind#UPSTREAM_RELAYED}, holding what a replay needs to redo it: the threat, whether it is
 * an Alert, Update or Cancel, the status and the content relayed. A relay approved by a person
 * names the approver's account; one relayed at once names none. Drafts follow the rules of manual
 * drafts where they apply: only {@link Role#mayApprove} decide, only a pending draft is decided,
 * and an approval must state the draft's status, so that nobody relays a real alert believing it a
 * drill.
 */
public final class UpstreamRelays {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private static final int LIST_LIMIT = 200;
  private static final int MAX_NOTE_LENGTH = 1_000;

  private final Database database;
  private final Clock clock;

  public UpstreamRelays(Database database, Clock clock) {
    this.database = Objects.requireNonNull(database, "database");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * What one relay does.
   *
   * @param upstreamMessage the store's number of the CAP message relayed
   * @param kind {@code Alert}, {@code Update} or {@code Cancel}
   * @param contentJson the alert relayed, a JSON object; {@code {}} for a Cancel
   */
  public record Relay(
      long upstreamMessage,
      String authority,
      AlertStatus status,
      String kind,
      String threat,
      String contentJson) {
    public Relay {
      Objects.requireNonNull(authority, "authority");
      Objects.requireNonNull(status, "status");
      if (!List.of("Alert", "Update", "Cancel").contains(kind)) {
        throw new IllegalArgumentException("kind: must be Alert, Update or Cancel, was " + kind);
      }
      Objects.requireNonNull(threat, "threat");
      parse(contentJson);
    }
  }

  /** Journals a relay made at once, with no person's approval. */
  public void journal(Relay relay) {
    OperatorActions.inOneCommit(
        database,
        clock,
        "journal an upstream relay",
        (connection, recorder) -> {
          recorder.record(ActionKind.UPSTREAM_RELAYED, details(relay));
          return null;
        });
  }

  /**
   * Stores a pending draft of a relay, for a person to approve.
   *
   * @param signedBy the fingerprint of the key that signed the message, shown to the approver
   * @param unmapped the message's areas that mapped to none, shown to the approver
   */
  public UpstreamDraft draft(Relay relay, Optional<String> signedBy, List<String> unmapped) {
    return OperatorActions.inOneCommit(
        database,
        clock,
        "store an upstream draft",
        (connection, recorder) -> {
          long id = nextId(connection);
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO upstream_drafts (id, upstream_message, authority, signed_by, status,"
                      + " kind, threat, content, unmapped, state, created_at)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?)")) {
            insert.setLong(1, id);
            insert.setLong(2, relay.upstreamMessage());
            insert.setString(3, relay.authority());
            insert.setString(4, signedBy.orElse(null));
            insert.setString(5, relay.status().capName());
            insert.setString(6, relay.kind());
            insert.setString(7, relay.threat());
            insert.setString(8, relay.contentJson());
            insert.setString(9, JSON.writeValueAsString(unmapped));
            Timestamps.setInstant(insert, 10, recorder.at());
            insert.executeUpdate();
          } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings is always JSON", e);
          }
          ObjectNode details = JSON.createObjectNode();
          details.put("upstreamDraft", id);
          details.put("upstreamMessage", relay.upstreamMessage());
          details.put("authority", relay.authority());
          details.put("threat", relay.threat());
          details.put("type", relay.kind());
          details.put("status", relay.status().capName());
          recorder.record(ActionKind.UPSTREAM_DRAFT_CREATED, details);
          return read(connection, id, false).orElseThrow();
        });
  }

  /** The draft {@code id}, if there is one. */
  public Optional<UpstreamDraft> find(long id) {
    return Transactions.inTransaction(
        database, "read an upstream draft", connection -> read(connection, id, false));
  }

  /** The latest upstream drafts, newest first (at most 200). */
  public List<UpstreamDraft> list() {
    return Transactions.inTransaction(
        database,
        "list upstream drafts",
        connection -> {
          List<UpstreamDraft> drafts = new ArrayList<>();
          try (PreparedStatement select =
                  connection.prepareStatement(SELECT + " ORDER BY id DESC LIMIT " + LIST_LIMIT);
              ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
              drafts.add(draft(rows));
            }
          }
          return drafts;
        });
  }

  /**
   * Approves a pending draft and journals its relay, in one commit; the caller then relays it.
   *
   * @param confirmedStatus the status the approver was shown and confirmed
   * @throws ActionRefusedException FORBIDDEN for a role that may not approve; CONFLICT when the
   *     draft is not pending or the confirmed status is not its status
   * @throws NoSuchElementException when there is no such draft
   */
  public UpstreamDraft approve(long id, Account by, AlertStatus confirmedStatus) {
    Objects.requireNonNull(confirmedStatus, "confirmedStatus");
    return decide(
        id,
        by,
        "approve",
        (connection, recorder, draft) -> {
          ActionRefusedException.requireConfirmed(
              "upstream draft " + id, draft.status(), "the approval", confirmedStatus);
          setDecision(connection, id, DraftState.APPROVED, by, recorder, null);
          ObjectNode details =
              details(
                  new Relay(
                      draft.upstreamMessage(),
                      draft.authority(),
                      draft.status(),
                      draft.kind(),
                      draft.threat(),
                      draft.contentJson()));
          details.put("upstreamDraft", id);
          recorder.record(ActionKind.UPSTREAM_RELAYED, by, details);
        });
  }

  /**
   * Rejects a pending draft: it is never relayed.
   *
   * @param reason why: 1 to 1,000 characters
   * @throws ActionRefusedException FORBIDDEN for a role that may not decide; CONFLICT when the
   *     draft is not pending
   * @throws IllegalArgumentException when the reason is blank or too long
   * @throws NoSuchElementException when there is no such draft
   */
  public UpstreamDraft reject(long id, Account by, String reason) {
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
          details.put("upstreamDraft", id);
          details.put("status", draft.status().capName());
          details.put("reason", reason);
          recorder.record(ActionKind.UPSTREAM_DRAFT_REJECTED, by, details);
        });
  }

  @FunctionalInterface
  private interface Decision {
    void make(Connection connection, OperatorActions.Recorder recorder, UpstreamDraft draft)
        throws SQLException;
  }

  private UpstreamDraft decide(long id, Account by, String verb, Decision decision) {
    if (!by.role().mayApprove()) {
      throw new ActionRefusedException(
          Reason.FORBIDDEN,
          "role " + by.role().id() + " may not " + verb + " upstream drafts; approvers may");
    }
    return OperatorActions.inOneCommit(
        database,
        clock,
        verb + " upstream draft " + id,
        (connection, recorder) -> {
          UpstreamDraft draft =
              read(connection, id, true)
                  .orElseThrow(
                      () -> new NoSuchElementException("there is no upstream draft " + id));
          if (draft.state() != DraftState.PENDING) {
            throw new ActionRefusedException(
                Reason.CONFLICT,
                "upstream draft "
                    + id
                    + " is "
                    + draft.state().id()
                    + " already: only a pending draft is decided");
          }
          decision.make(connection, recorder, draft);
          return read(connection, id, false).orElseThrow();
        });
  }

  private static ObjectNode details(Relay relay) {
    ObjectNode details = JSON.createObjectNode();
    details.put("upstreamMessage", relay.upstreamMessage());
    details.put("authority", relay.authority());
    details.put("threat", relay.threat());
    details.put("type", relay.kind());
    details.put("status", relay.status().capName());
    details.set("content", parse(relay.contentJson()));
    return details;
  }

  private static void setDecision(
      Connection connection,
      long id,
      DraftState state,
      Account by,
      OperatorActions.Recorder recorder,
      String note)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE upstream_drafts SET state = ?, decided_by = ?, decided_at = ?, note = ?"
                + " WHERE id = ? AND state = 'pending'")) {
      update.setString(1, state.id());
      update.setString(2, by.name());
      Timestamps.setInstant(update, 3, recorder.at());
      update.setString(4, note);
      update.setLong(5, id);
      update.executeUpdate();
    }
  }

  private static final String SELECT =
      "SELECT id, upstream_message, authority, signed_by, status, kind, threat, content, unmapped,"
          + " state, created_at, decided_by, decided_at, note FROM upstream_drafts";

  private static long nextId(Connection connection) throws SQLException {
    // Drafts are created inside the journal's commit, which serialises writers.
    try (PreparedStatement select =
            connection.prepareStatement("SELECT COALESCE(MAX(id), 0) + 1 FROM upstream_drafts");
        ResultSet rows = select.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static Optional<UpstreamDraft> read(Connection connection, long id, boolean forUpdate)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(SELECT + " WHERE id = ?" + (forUpdate ? " FOR UPDATE" : ""))) {
      select.setLong(1, id);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(draft(rows)) : Optional.empty();
      }
    }
  }

  private static UpstreamDraft draft(ResultSet rows) throws SQLException {
    List<String> unmapped;
    try {
      unmapped = JSON.readValue(rows.getString("unmapped"), STRINGS);
    } catch (JsonProcessingException e) {
      throw new SQLException("upstream_drafts.unmapped is not a JSON list of strings", e);
    }
    return new UpstreamDraft(
        rows.getLong("id"),
        rows.getLong("upstream_message"),
        rows.getString("authority"),
        Optional.ofNullable(rows.getString("signed_by")),
        AlertStatus.parse("status", rows.getString("status")),
        rows.getString("kind"),
        rows.getString("threat"),
        rows.getString("content"),
        unmapped,
        DraftState.fromId(rows.getString("state")),
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
        throw new IllegalArgumentException("relay content must be a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "relay content must be JSON: " + e.getOriginalMessage(), e);
    }
  }
}
