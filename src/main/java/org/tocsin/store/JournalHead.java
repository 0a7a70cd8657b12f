package org.tocsin.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The single {@code journal_head} row: the last sequence number and hash. Appends lock it, which
 * serialises them across processes; the verifier compares the chain's end with it.
 */
record JournalHead(long lastSequence, String lastHash) {

  /** Reads the head, locking it until the transaction ends when {@code lock} is set. */
  static Optional<JournalHead> read(Connection connection, Lock lock) throws SQLException {
    String sql = "SELECT last_sequence_number, last_hash FROM journal_head WHERE id = 1";
    try (PreparedStatement statement =
            connection.prepareStatement(lock == Lock.FOR_UPDATE ? sql + " FOR UPDATE" : sql);
        ResultSet rows = statement.executeQuery()) {
      return rows.next()
          ? Optional.of(new JournalHead(rows.getLong(1), rows.getString(2)))
          : Optional.empty();
    }
  }

  /** Moves the head to a newly appended record. */
  static void advance(Connection connection, long sequence, String hash) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "UPDATE journal_head SET last_sequence_number = ?, last_hash = ? WHERE id = 1")) {
      statement.setLong(1, sequence);
      statement.setString(2, hash);
      statement.executeUpdate();
    }
  }

  /** Whether a read locks the row. */
  enum Lock {
    NONE,
    FOR_UPDATE
  }
}
