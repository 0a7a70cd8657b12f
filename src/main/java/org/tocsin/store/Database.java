package org.tocsin.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
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
  private final Optional<Path> embeddedDirectory;

  private Database(
      String url,
      Dialect dialect,
      HikariDataSource dataSource,
      AuditKey auditKey,
      Optional<Path> embeddedDirectory) {
    this.url = url;
    this.dialect = dialect;
    this.dataSource = dataSource;
    this.auditKey = auditKey;
    this.embeddedDirectory = embeddedDirectory;
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
   * {@link AuditKey#FILE_NAME} beside it (made there if absent). The directory and its files are
   * kept to their owner alone (see {@link PrivateFiles}).
   *
   * @throws StoreException when the database cannot be opened or migrated
   * @throws java.io.UncheckedIOException when the directory cannot be made or closed to others
   */
  public static Database openEmbedded(Path directory) {
    PrivateFiles.folder(directory);
    return openEmbedded(directory, AuditKey.loadOrCreate(directory.resolve(AuditKey.FILE_NAME)));
  }

  /**
   * Opens (creating it if need be) the embedded database in {@code directory}, with {@code
   * auditKey}; the directory and its files are kept to their owner alone.
   *
   * @throws StoreException when the database cannot be opened or migrated
   */
  public static Database openEmbedded(Path directory, AuditKey auditKey) {
    PrivateFiles.folder(directory);
    Database opened = open(embeddedUrl(directory), Optional.empty(), auditKey);
    // H2 makes its files with the process's umask, typically 0644: close them as soon as they
    // exist, and again at close for those it made since (its trace file); the folder's own 0700
    // keeps them from others meanwhile.
    PrivateFiles.closeToOthers(directory);
    return new Database(
        opened.url, opened.dialect, opened.dataSource, auditKey, Optional.of(directory));
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
    return open(jdbcUrl, Optional.empty(), auditKey);
  }

  /**
   * Opens a pool on {@code jdbcUrl} with a password given apart from the URL, so that it appears
   * neither in the process list nor in any message; otherwise as {@link #open(String, AuditKey)}.
   *
   * @param password the database password, when the URL has none; the caller may wipe it after
   * @throws IllegalArgumentException when the URL is for another database
   * @throws StoreException when the database cannot be reached or migrated
   */
  public static Database open(String jdbcUrl, Optional<char[]> password, AuditKey auditKey) {
    Objects.requireNonNull(auditKey, "auditKey");
    Dialect dialect = Dialect.of(jdbcUrl);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    password.ifPresent(secret -> config.setPassword(new String(secret)));
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
    Database database = new Database(jdbcUrl, dialect, dataSource, auditKey, Optional.empty());
    try {
      AuditBinding.sealIfNew(database);
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
    return database;
  }

  /** The JDBC URL this database was opened with, any password in it included. */
  public String url() {
    return url;
  }

  /** The JDBC URL with any password in it hidden: the one to print. */
  public String redactedUrl() {
    return redacted(url);
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

  /** Work on a connection inside one transaction. */
  @FunctionalInterface
  public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }

  /**
   * Runs {@code work} in one transaction, committed if it returns and rolled back if it throws: for
   * the edge packages that keep tables of their own (delivery's subscribers and deliveries).
   *
   * @param what what the work does, for the message of a failure
   * @throws StoreException wrapping any {@link SQLException}
   */
  public <T> T inTransaction(String what, SqlWork<T> work) {
    return Transactions.inTransaction(this, what, work::run);
  }

  /**
   * Whether several processes may claim rows at once with {@code FOR UPDATE SKIP LOCKED}
   * (PostgreSQL); otherwise (the embedded database, one process) claims take turns in the process.
   */
  public boolean skipsLockedRows() {
    return dialect == Dialect.POSTGRESQL;
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
    embeddedDirectory.ifPresent(PrivateFiles::closeToOthers);
  }

  @Override
  public String toString() {
    return "Database[" + redacted(url) + "]";
  }

  /**
   * The URL with any password hidden, for messages: a {@code password=} parameter (PostgreSQL's
   * {@code ?…&password=}, H2's {@code ;PASSWORD=}) and the password of a {@code user:password@}.
   */
  static String redacted(String jdbcUrl) {
    return jdbcUrl
        .replaceAll("(?i)(password=)[^&;]*", "$1***")
        .replaceAll("(//[^/:@?#;]*:)[^/@?#;]*@", "$1***@");
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.toString() : root.getMessage();
  }
}
