package org.tocsin.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Changes to accounts committed together with the {@code operator-action} journal records that tell
 * of them: either the change and its records are stored, or neither. It writes through {@link
 * Journal}'s own commit, so it serialises with every append and extends the same hash chain.
 */
final class OperatorActions {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Work inside the commit; it records what it did with {@link Recorder#record}. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection, Recorder recorder) throws SQLException;
  }

  /** Collects the actions of one commit, all stamped with its time. */
  static final class Recorder {
    private final Instant at;
    private final List<String> payloads = new ArrayList<>();

    private Recorder(Instant at) {
      this.at = at;
    }

    /** The commit's time, to the microsecond as stored. */
    Instant at() {
      return at;
    }

    /**
     * Journals {@code {"action", "account", "role", "at"}} plus any {@code details}, given as
     * name-value pairs. Never give it a password or a token.
     */
    void record(ActionKind action, String account, Role role, String... details) {
      ObjectNode payload = JSON.createObjectNode();
      payload.put("action", action.id());
      payload.put("account", account);
      payload.put("role", role == null ? null : role.id());
      payload.put("at", at.toString());
      for (int i = 0; i + 1 < details.length; i += 2) {
        payload.put(details[i], details[i + 1]);
      }
      payloads.add(payload.toString());
    }

    /**
     * Journals {@code {"action", "account": null, "role": null, "at"}} plus the fields of {@code
     * details}: an action of nobody's account, such as failed logins on unknown names.
     */
    void record(ActionKind action, ObjectNode details) {
      ObjectNode payload = JSON.createObjectNode();
      payload.put("action", action.id());
      payload.putNull("account");
      payload.putNull("role");
      payload.put("at", at.toString());
      payload.setAll(details);
      payloads.add(payload.toString());
    }

    /**
     * Journals {@code {"action", "account", "role", "at"}} plus the fields of {@code details},
     * which may nest: what a replay needs to redo the action.
     */
    void record(ActionKind action, Account account, ObjectNode details) {
      ObjectNode payload = JSON.createObjectNode();
      payload.put("action", action.id());
      payload.put("account", account.name());
      payload.put("role", account.role().id());
      payload.put("at", at.toString());
      payload.setAll(details);
      payloads.add(payload.toString());
    }
  }

  private OperatorActions() {}

  /**
   * Runs {@code work} and journals what it recorded, in one transaction.
   *
   * @throws StoreException when the database fails; nothing was stored then
   */
  static <T> T inOneCommit(Database database, Clock clock, String what, Work<T> work) {
    return Journal.inOneCommit(
        database,
        clock,
        what,
        chain -> {
          Recorder recorder = new Recorder(chain.recordedAt);
          T result = work.run(chain.connection, recorder);
          for (String payload : recorder.payloads) {
            chain.add(RecordKind.OPERATOR_ACTION, payload);
          }
          return result;
        });
  }
}
