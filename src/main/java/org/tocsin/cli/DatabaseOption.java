package org.tocsin.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.tocsin.store.AuditKey;
import org.tocsin.store.Database;
import org.tocsin.store.StoreException;
import picocli.CommandLine.Option;

/**
 * The {@code --db} and {@code --audit-key} options shared by the commands that use the journal's
 * database: the key that chains the journal lives in a file of its own, never in the database.
 */
final class DatabaseOption {

  /** The audit key when neither {@code --audit-key} nor {@code TOCSIN_AUDIT_KEY} names one. */
  static final Path DEFAULT_AUDIT_KEY = Database.DEFAULT_DIRECTORY.resolve(AuditKey.FILE_NAME);

  @Option(
      names = "--db",
      paramLabel = "JDBC-URL",
      description = {
        "The database: jdbc:postgresql://HOST:PORT/NAME?user=… or jdbc:h2:file:….",
        "Default: the embedded database in ./data."
      })
  String url;

  @Option(
      names = "--audit-key",
      paramLabel = "FILE",
      defaultValue = "${env:TOCSIN_AUDIT_KEY}",
      description = {
        "The installation's audit key, which keys the journal's hash chain and signs its"
            + " checkpoints: a file readable by its owner only, kept out of the database. The"
            + " commands that write make it on first use.",
        "Default: $TOCSIN_AUDIT_KEY, else ./data/audit.key."
      })
  Path auditKey;

  /**
   * Opens the database, or the embedded one, with the audit key.
   *
   * @param mustExist whether an embedded database or an audit key that is not there yet is an error
   *     (for commands that only read), rather than created
   * @throws IllegalArgumentException when the database cannot be opened or the key read, saying why
   */
  Database open(boolean mustExist) {
    if (url == null
        && mustExist
        && !Files.exists(Database.embeddedFile(Database.DEFAULT_DIRECTORY))) {
      throw new IllegalArgumentException(
          "there is no database at "
              + Database.embeddedFile(Database.DEFAULT_DIRECTORY)
              + "; give one with --db");
    }
    AuditKey key = auditKey(mustExist);
    try {
      return Optional.ofNullable(url)
          .map(jdbcUrl -> Database.open(jdbcUrl, key))
          .orElseGet(() -> Database.openEmbedded(Database.DEFAULT_DIRECTORY, key));
    } catch (StoreException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private AuditKey auditKey(boolean mustExist) {
    Path file = auditKey == null ? DEFAULT_AUDIT_KEY : auditKey;
    if (mustExist && !Files.exists(file)) {
      throw new IllegalArgumentException(
          "--audit-key: there is no audit key at "
              + file
              + "; give the installation's key with --audit-key FILE or TOCSIN_AUDIT_KEY");
    }
    return mustExist ? AuditKey.load(file) : AuditKey.loadOrCreate(file);
  }
}
