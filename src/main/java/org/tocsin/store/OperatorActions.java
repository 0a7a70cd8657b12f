package org.tocsin.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Changes to accounts committed together with the {@code operator-action} journal records that tell
 * of them: either the change and its records are stored, or neither. Takes the journal's write lock
 * and then its head row, in the order {@link Journal} does, so it serialises with every append and
 * extends the same hash chain (see {@link AuditChain}).
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
    void record(String action, String account, Role role, String... details) {
      ObjectNode payload = JSON.createObjectNode();
      payload.put("action", action);
      payload.put("account", account);
      payload.put("role", role == null ? null : role.id());
      payload.put("at", at.toString());
      for (int i = 0; i + 1 < details.length; i += 2) {
        payload.put(details[i], details[i + 1]);
      }
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
    database.writeLock().lock();
    try {
      return Transactions.inTransaction(
          database,
          what,
          connection -> {
            JournalHead head =
                JournalHead.read(connection, JournalHead.Lock.FOR_UPDATE)
                    .orElseThrow(
                        () -> new IllegalStateException("the journal_head row is missing"));
            Recorder recorder = new Recorder(Transactions.stored(clock.instant()));
            T result = work.run(connection, recorder);
            long sequence = head.lastSequence();
            String hash = head.lastHash();
            for (String payload : recorder.payloads) {
              sequence++;
              String previous = hash;
              hash =
                  AuditChain.hash(
                      previous, sequence, RecordKind.OPERATOR_ACTION, recorder.at, payload);
              insert(connection, sequence, recorder.at, payload, previous, hash);
            }
            if (sequence != head.lastSequence()) {
              JournalHead.advance(connection, sequence, hash);
            }
            return result;
          });
    } finally {
      database.writeLock().unlock();
    }
  }

  private static void insert(
      Connection connection,
      long sequence,
      Instant recordedAt,
      String payload,
      String previousHash,
      String hash)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "INSERT INTO journal (sequence_number, recorded_at, kind, payload, previous_hash, hash)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
      statement.setLong(1, sequence);
      Transactions.setInstant(statement, 2, recordedAt);
      statement.setString(3, RecordKind.OPERATOR_ACTION.id());
      statement.setString(4, payload);
      statement.setString(5, previousHash);
      statement.setString(6, hash);
      statement.executeUpdate();
    }
  }
}
