package org.tocsin.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A fresh, migrated database for one test on either backend: a uniquely named schema on the real
 * PostgreSQL server (dropped at close), or an embedded H2 file in the test's temporary directory.
 * The server is {@code -Dtocsin.test.postgres=JDBC-URL}, by default the local one that {@code
 * .ci/start-postgres.sh} starts.
 */
public final class TestDatabase implements AutoCloseable {

  /** The two databases the store runs on. */
  public enum Backend {
    POSTGRESQL,
    H2
  }

  private static final String POSTGRES_SERVER =
      System.getProperty(
          "tocsin.test.postgres", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

  private final Backend backend;
  private final String url;
  private final String schema;
  private Database database;

  private TestDatabase(Backend backend, String url, String schema) {
    this.backend = backend;
    this.url = url;
    this.schema = schema;
    this.database = Database.open(url);
  }

  /** Creates and migrates a database; {@code tempDir} holds the H2 file. */
  public static TestDatabase create(Backend backend, Path tempDir) throws SQLException {
    String unique = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    if (backend == Backend.H2) {
      return new TestDatabase(backend, Database.embeddedUrl(tempDir.resolve(unique)), null);
    }
    String schema = "tocsin_test_" + unique;
    try (Connection connection = DriverManager.getConnection(POSTGRES_SERVER);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA " + schema);
    }
    String separator = POSTGRES_SERVER.contains("?") ? "&" : "?";
    return new TestDatabase(
        backend, POSTGRES_SERVER + separator + "currentSchema=" + schema, schema);
  }

  public Backend backend() {
    return backend;
  }

  /** The JDBC URL, as {@code --db} takes it. */
  public String url() {
    return url;
  }

  public Database database() {
    return database;
  }

  /** Closes the pool, as a stopped server would. */
  public void closeDatabase() {
    database.close();
  }

  /** Closes the pool and opens a new one on the same database. */
  public Database reopen() {
    database.close();
    database = Database.open(url);
    return database;
  }

  /** A plain JDBC connection (auto-commit on), bypassing the store, as an intruder would. */
  public Connection jdbc() throws SQLException {
    return DriverManager.getConnection(url);
  }

  @Override
  public void close() throws SQLException {
    database.close();
    if (schema != null) {
      try (Connection connection = DriverManager.getConnection(POSTGRES_SERVER);
          Statement statement = connection.createStatement()) {
        statement.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }

  @Override
  public String toString() {
    return backend.toString();
  }
}
