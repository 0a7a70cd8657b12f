package org.tocsin.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import org.tocsin.store.AuditKey;
import org.tocsin.store.Database;
import org.tocsin.store.Journal;

/**
 * Empty journals for fuzz executions, fast: one in-memory H2 database per JVM, migrated once and
 * emptied for each execution. Migrating a new database costs far more than an execution may, and
 * Jazzer needs many executions.
 */
final class FuzzJournals {

  private static final String URL =
      "jdbc:h2:mem:tocsin-fuzz;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
          + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
  private static final String ZERO_HASH = "0".repeat(64);

  private static Database database;

  /** Held open: opening a connection costs more than emptying the tables through it. */
  private static Connection jdbc;

  private FuzzJournals() {}

  /** The database's journal, emptied, its records stamped by {@code clock}. */
  static synchronized Journal emptied(Clock clock) {
    if (database == null) {
      database = Database.open(URL, AuditKey.loadOrCreate(auditKeyFile()));
      try {
        jdbc = DriverManager.getConnection(URL);
      } catch (SQLException e) {
        throw new IllegalStateException("cannot connect to the fuzz journal", e);
      }
    }
    // The chain's head back at the start: the audit binding sealed an empty journal, so an emptied
    // one is keyed as before.
    try (Statement statement = jdbc.createStatement()) {
      statement.execute("DELETE FROM outbox");
      statement.execute("DELETE FROM journal");
      statement.execute(
          "UPDATE journal_head SET last_sequence_number = 0, last_hash = '" + ZERO_HASH + "'");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot empty the fuzz journal", e);
    }
    return new Journal(database, clock);
  }

  private static Path auditKeyFile() {
    try {
      Path directory = Files.createTempDirectory("tocsin-fuzz");
      directory.toFile().deleteOnExit();
      Path file = directory.resolve(AuditKey.FILE_NAME);
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
