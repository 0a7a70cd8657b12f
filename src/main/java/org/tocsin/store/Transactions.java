package org.tocsin.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Runs work in one transaction; tells a unique-key violation (instants: {@link Timestamps}). */
final class Transactions {

  /** Work on an open connection inside a transaction. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private Transactions() {}

  /**
   * Runs {@code work} in one transaction: committed if it returns, rolled back if it throws.
   *
   * @throws StoreException wrapping any {@link SQLException}, with {@code what} in the message
   */
  static <T> T inTransaction(Database database, String what, Work<T> work) {
    try (Connection connection = database.connection()) {
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("cannot " + what + ": " + e.getMessage(), e);
    }
  }

  /** Whether the failure is a unique-key violation (SQLSTATE 23505 on both databases). */
  static boolean isUniqueViolation(SQLException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }
}
