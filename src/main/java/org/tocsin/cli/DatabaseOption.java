package org.tocsin.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.tocsin.store.AuditKey;
import org.tocsin.store.Database;
import org.tocsin.store.StoreException;
import picocli.CommandLine.Option;

/**
 * /** The {@code --db}, {@code --db-password-file} and {@code --audit-key} options shared by the
 * commands that use the journal's database. The key that chains the journal lives in a file of its
 * own, never in the database; the database password is kept out of the URL, since a password in
 * {@code --db} is visible to every local user in the process list: it may come instead from {@code
 * --db-password-file} or the environment variable {@value #PASSWORD_VARIABLE}.
 */
final class DatabaseOption {

  /** The audit key when neither {@code --audit-key} nor {@code TOCSIN_AUDIT_KEY} names one. */
  static final Path DEFAULT_AUDIT_KEY = Database.DEFAULT_DIRECTORY.resolve(AuditKey.FILE_NAME);

  /** The environment variable that may hold the database password. */
  static final String PASSWORD_VARIABLE = "TOCSIN_DB_PASSWORD";

  @Option(
      names = "--db",
      paramLabel = "JDBC-URL",
      description = {
        "The database: jdbc:postgresql://HOST:PORT/NAME?user=… or jdbc:h2:file:….",
        "Default: the embedded database in ./data.",
        "Give its password with --db-password-file or in " + PASSWORD_VARIABLE + ", not in the URL."
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

  @Option(
      names = "--db-password-file",
      paramLabel = "FILE",
      description =
          "A file whose first line is the database password (default: the environment variable "
              + PASSWORD_VARIABLE
              + ", if set).")
  Path passwordFile;

  /** The process's environment; a test gives its own. */
  Map<String, String> environment = System.getenv();

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
    if (url == null && passwordFile != null) {
      throw new IllegalArgumentException(
          "--db-password-file: only with --db; the embedded database has no password");
    }
    AuditKey key = auditKey(mustExist);
    Optional<char[]> password = url == null ? Optional.empty() : password();
    try {
      return url == null
          ? Database.openEmbedded(Database.DEFAULT_DIRECTORY, key)
          : Database.open(url, password, key);
    } catch (StoreException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    } finally {
      password.ifPresent(secret -> Arrays.fill(secret, '\0'));
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

  /** The password from the file or else the environment, if either gives one. */
  private Optional<char[]> password() {
    if (passwordFile != null) {
      try {
        String firstLine =
            Files.readString(passwordFile, StandardCharsets.UTF_8).lines().findFirst().orElse("");
        if (firstLine.isEmpty()) {
          throw new IllegalArgumentException(
              "--db-password-file: must hold the password on its first line, was empty: "
                  + passwordFile);
        }
        return Optional.of(firstLine.toCharArray());
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "--db-password-file: cannot read " + passwordFile + ": " + e.getMessage(), e);
      }
    }
    return Optional.ofNullable(environment.get(PASSWORD_VARIABLE))
        .filter(secret -> !secret.isEmpty())
        .map(String::toCharArray);
  }
}
