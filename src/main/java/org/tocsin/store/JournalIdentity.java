package org.tocsin.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The journal's own random id, made once and kept in its database ({@code journal_identity}): the
 * series of the CAP identifiers issued from this journal (see {@code org.tocsin.cap.CapIssuer}).
 */
public final class JournalIdentity {

  private JournalIdentity() {}

  /**
   * The journal's CAP series, made with {@code newSeries} and stored the first time it is asked
   * for. Two processes that ask at once get the same series: the second insert fails on the key and
   * reads the first one's.
   *
   * @param clock stamps when the series was made
   * @param newSeries makes a new random series, at most 32 characters
   * @throws StoreException when the database fails
   */
  public static String capSeries(Database database, Clock clock, Supplier<String> newSeries) {
    Objects.requireNonNull(database, "database");
    Optional<String> stored =
        Transactions.inTransaction(
            database, "read the journal's CAP series", JournalIdentity::read);
    if (stored.isPresent()) {
      return stored.get();
    }
    String series = newSeries.get();
    try {
      Transactions.inTransaction(
          database,
          "store the journal's CAP series",
          connection -> {
            try (PreparedStatement statement =
                connection.prepareStatement(
                    "INSERT INTO journal_identity (id, cap_series, created_at) VALUES (1, ?, ?)")) {
              statement.setString(1, series);
              Timestamps.setInstant(statement, 2, clock.instant());
              return statement.executeUpdate();
            }
          });
      return series;
    } catch (StoreException e) {
      if (e.getCause() instanceof SQLException sql && Transactions.isUniqueViolation(sql)) {
        return Transactions.inTransaction(
                database, "read the journal's CAP series", JournalIdentity::read)
            .orElseThrow(() -> e);
      }
      throw e;
    }
  }

  private static Optional<String> read(Connection connection) throws SQLException {
    try (PreparedStatement statement =
            connection.prepareStatement("SELECT cap_series FROM journal_identity WHERE id = 1");
        ResultSet rows = statement.executeQuery()) {
      return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
    }
  }
}
