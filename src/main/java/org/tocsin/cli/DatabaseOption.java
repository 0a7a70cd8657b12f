package org.tocsin.cli;

import java.nio.file.Files;
import java.util.Optional;
import org.tocsin.store.Database;
import org.tocsin.store.StoreException;
import picocli.CommandLine.Option;

/** The {@code --db} option shared by the commands that use the journal's database. */
final class DatabaseOption {

  @Option(
      names = "--db",
      paramLabel = "JDBC-URL",
      description = {
        "The database: jdbc:postgresql://HOST:PORT/NAME?user=… or jdbc:h2:file:….",
        "Default: the embedded database in ./data."
      })
  String url;

  /**
   * Opens the database, or the embedded one.
   *
   * @param mustExist whether an embedded database that is not there yet is an error (for commands
   *     that only read), rather than created
   * @throws IllegalArgumentException when the database cannot be opened, saying why
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
    try {
      return Optional.ofNullable(url)
          .map(Database::open)
          .orElseGet(() -> Database.openEmbedded(Database.DEFAULT_DIRECTORY));
    } catch (StoreException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }
}
