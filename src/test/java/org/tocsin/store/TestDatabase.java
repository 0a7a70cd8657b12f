package org.tocsin.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.flywaydb.core.Flyway;

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
  private final AuditKey auditKey;
  private Database database;

  /** Work on a plain JDBC connection before the store first opens the database. */
  @FunctionalInterface
  public interface Setup {
    void run(Connection jdbc) throws SQLException;
  }

  private TestDatabase(Backend backend, String url, String schema, Path auditKeyFile) {
    this.backend = backend;
    this.url = url;
    this.schema = schema;
    this.auditKey = AuditKey.loadOrCreate(auditKeyFile);
    this.database = Database.open(url, auditKey);
  }

  /**
   * Creates and migrates a database with a new audit key; {@code tempDir} holds the H2 file and the
   * key.
   */
  public static TestDatabase create(Backend backend, Path tempDir) throws SQLException {
    return create(backend, tempDir, null);
  }

  /**
   * Creates a database migrated only to schema version 5, as a release before the chain was keyed
   * left it, runs {@code setup} on it, then opens it with a new audit key as an upgraded server
   * would.
   */
  public static TestDatabase createFromVersion5(Backend backend, Path tempDir, Setup setup)
      throws SQLException {
    return create(backend, tempDir, setup);
  }

  private static TestDatabase create(Backend backend, Path tempDir, Setup version5Setup)
      throws SQLException {
    String unique = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    Path auditKeyFile = tempDir.resolve(unique + "-" + AuditKey.FILE_NAME);
    if (backend == Backend.H2) {
      String h2 = Database.embeddedUrl(tempDir.resolve(unique));
      atVersion5(h2, version5Setup);
      return new TestDatabase(backend, h2, null, auditKeyFile);
    }
    String schema = "tocsin_test_" + unique;
    try (Connection connection = DriverManager.getConnection(POSTGRES_SERVER);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA " + schema);
    }
    String separator = POSTGRES_SERVER.contains("?") ? "&" : "?";
    String postgres = POSTGRES_SERVER + separator + "currentSchema=" + schema;
    atVersion5(postgres, version5Setup);
    return new TestDatabase(backend, postgres, schema, auditKeyFile);
  }

  private static void atVersion5(String url, Setup setup) throws SQLException {
    if (setup == null) {
      return;
    }
    Flyway.configure()
        .dataSource(url, null, null)
        .locations("classpath:db/migration")
        .target("5")
        .load()
        .migrate();
    try (Connection jdbc = DriverManager.getConnection(url)) {
      setup.run(jdbc);
    }
  }

  public Backend backend() {
    return backend;
  }

  /** The JDBC URL, as {@code --db} takes it. */
  public String url() {
    return url;
  }

  /** The audit key the database was opened with. */
  public AuditKey auditKey() {
    return auditKey;
  }

  /** The audit key's file, as {@code --audit-key} takes it. */
  public String auditKeyFile() {
    return auditKey.file().toString();
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
    database = Database.open(url, auditKey);
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
