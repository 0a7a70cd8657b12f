package org.tocsin.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * A pool of connections to the journal's database, migrated to the current schema on opening:
 * PostgreSQL in production, or an embedded H2 file (the default, nothing to install). Both run the
 * same Flyway migrations from {@code db/migration}.
 *
 * <p>The embedded database writes every commit to its file before the commit returns ({@code
 * WRITE_DELAY=0}), so an acknowledged record survives the process being killed; surviving a power
 * cut as well needs PostgreSQL, which syncs its write-ahead log.
 *
 * <p>A database is opened with the installation's {@link AuditKey}, which keys the journal's chain;
 * the key is a file of its own, never in the database. The first opening with a new key seals the
 * journal's existing records as unkeyed (see {@link AuditBinding}).
 */
public final class Database implements AutoCloseable {

  /** Where the embedded database lives unless told otherwise: {@code ./data}. */
  public static final Path DEFAULT_DIRECTORY = Path.of("data");

  private static final String EMBEDDED_NAME = "tocsin";

  private final String url;
  private final Dialect dialect;
  private final HikariDataSource dataSource;
  private final AuditKey auditKey;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final AtomicBoolean auditKeyChecked = new AtomicBoolean();

  private Database(String url, Dialect dialect, HikariDataSource dataSource, AuditKey auditKey) {
    this.url = url;
    this.dialect = dialect;
    this.dataSource = dataSource;
    this.auditKey = auditKey;
  }

  /** The JDBC URL of the embedded database in {@code directory}. */
  public static String embeddedUrl(Path directory) {
    return "jdbc:h2:file:"
        + directory.resolve(EMBEDDED_NAME).toAbsolutePath()
        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";
  }

  /** The file that holds the embedded database in {@code directory}, once it has been created. */
  public static Path embeddedFile(Path directory) {
    return directory.resolve(EMBEDDED_NAME + ".mv.db");
  }

  /**
   * Opens (creating it if need be) the embedded database in {@code directory}, with the audit key
   * {@link AuditKey#FILE_NAME} beside it (made there if absent).
   *
   * @throws StoreException when the database cannot be opened or migrated
   */
  public static Database openEmbedded(Path directory) {
    createDirectories(directory);
    return open(
        embeddedUrl(directory), AuditKey.loadOrCreate(directory.resolve(AuditKey.FILE_NAME)));
  }

  /**
   * Opens (creating it if need be) the embedded database in {@code directory}, with {@code
   * auditKey}.
   *
   * @throws StoreException when the database cannot be opened or migrated
   */
  public static Database openEmbedded(Path directory, AuditKey auditKey) {
    createDirectories(directory);
    return open(embeddedUrl(directory), auditKey);
  }

  private static void createDirectories(Path directory) {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the database directory " + directory, e);
    }
  }

  /**
   * Opens a pool on {@code jdbcUrl}, applies any migrations the database lacks, and seals the
   * journal's unkeyed records if {@code auditKey} is new (see {@link AuditBinding}).
   *
   * @param jdbcUrl {@code jdbc:postgresql:…} or {@code jdbc:h2:…}; H2 should run in PostgreSQL mode
   *     as {@link #embeddedUrl} does
   * @param auditKey keys the journal's hash chain
   * @throws IllegalArgumentException when the URL is for another database
   * @throws StoreException when the database cannot be reached or migrated
   */
  public static Database open(String jdbcUrl, AuditKey auditKey) {
    Objects.requireNonNull(auditKey, "auditKey");
    Dialect dialect = Dialect.of(jdbcUrl);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setPoolName("tocsin-store");
    config.setAutoCommit(false);
    config.setMaximumPoolSize(8);
    config.setConnectionTimeout(5_000);
    HikariDataSource dataSource;
    try {
      dataSource = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new StoreException("cannot connect to " + redacted(jdbcUrl) + ": " + rootMessage(e), e);
    }
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .locations("classpath:db/migration")
          .load()
          .migrate();
    } catch (FlywayException e) {
      dataSource.close();
      throw new StoreException("cannot migrate " + redacted(jdbcUrl) + ": " + rootMessage(e), e);
    }
    Database database = new Database(jdbcUrl, dialect, dataSource, auditKey);
    try {
      AuditBinding.sealIfNew(database);
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
    return database;
  }

  /** The JDBC URL this database was opened with. */
  public String url() {
    return url;
  }

  Dialect dialect() {
    return dialect;
  }

  /** The key of the journal's hash chain. */
  public AuditKey auditKey() {
    return auditKey;
  }

  /**
   * Checks, the first time a writer of this pool extends the journal, that its chain is keyed with
   * this pool's key; later appends need not read the binding again.
   *
   * @throws IllegalStateException when it is not
   */
  void requireAuditKeyOfJournal(Connection connection) throws SQLException {
    if (!auditKeyChecked.get()) {
      AuditBinding.requireSealedBy(connection, auditKey);
      auditKeyChecked.set(true);
    }
  }

  /** A connection with auto-commit off; the caller commits and closes it. */
  Connection connection() throws SQLException {
    return dataSource.getConnection();
  }

  /**
   * Serialises writers that must not interleave within this process (appends to the hash chain,
   * outbox claims on H2). Across processes, row locks in the database do the same on PostgreSQL.
   */
  ReentrantLock writeLock() {
    return writeLock;
  }

  @Override
  public void close() {
    dataSource.close();
  }

  @Override
  public String toString() {
    return "Database[" + redacted(url) + "]";
  }

  /** The URL with any password hidden, for messages. */
  static String redacted(String jdbcUrl) {
    return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.toString() : root.getMessage();
  }
}
