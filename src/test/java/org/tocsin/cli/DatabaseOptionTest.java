package org.tocsin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tocsin.store.AuditKey;
import org.tocsin.store.Database;

/**
 * The database password comes from a file or the environment, never the command line, where every
 * local user could read it in the process list. An embedded database made with a user and password
 * stands for a PostgreSQL server that asks for one.
 */
class DatabaseOptionTest {

  private static final String PASSWORD = "s3cret-db-password";

  @TempDir Path tempDir;

  private final InProcessCli cli = new InProcessCli();
  private String url;

  @BeforeEach
  void createDatabaseWithAPassword() {
    url = Database.embeddedUrl(tempDir.resolve("db")) + ";USER=ops";
    Database.open(url, Optional.of(PASSWORD.toCharArray()), AuditKey.loadOrCreate(key())).close();
  }

  private Path key() {
    return tempDir.resolve("audit.key");
  }

  @Test
  void thePasswordIsReadFromTheFileGivenWithDbPasswordFile() throws Exception {
    Path file = tempDir.resolve("db-password");
    Files.writeString(file, PASSWORD + "\n");

    int status =
        cli.run(
            "sensor",
            "add",
            "radar-kharkiv",
            "--db",
            url,
            "--db-password-file",
            file.toString(),
            "--audit-key",
            key().toString());

    assertThat(status).as(cli.err()).isZero();
    assertThat(cli.out().strip()).isNotEmpty().doesNotContain(PASSWORD);
  }

  @Test
  void thePasswordIsReadFromTheEnvironmentWhenNoFileIsGiven() {
    DatabaseOption option = new DatabaseOption();
    option.url = url;
    option.auditKey = key();
    option.environment = Map.of(DatabaseOption.PASSWORD_VARIABLE, PASSWORD);

    try (Database opened = option.open(false)) {
      assertThat(opened.redactedUrl()).isEqualTo(url);
    }
  }

  @Test
  void withoutThePasswordTheDatabaseRefusesAndTheErrorDoesNotShowIt() {
    DatabaseOption option = new DatabaseOption();
    option.url = url;
    option.auditKey = key();
    option.environment = Map.of();

    assertThatThrownBy(() -> option.open(false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("cannot connect to " + url);
  }

  @Test
  void anEmptyOrMissingPasswordFileIsRefusedNamingTheOption() throws Exception {
    Path empty = Files.createFile(tempDir.resolve("empty"));

    assertThat(
            cli.run(
                "sensor",
                "add",
                "radar-1",
                "--db",
                url,
                "--db-password-file",
                empty.toString(),
                "--audit-key",
                key().toString()))
        .isEqualTo(2);
    assertThat(cli.err()).startsWith("error: --db-password-file: must hold the password");
    cli.clear();
    assertThat(
            cli.run(
                "sensor",
                "add",
                "radar-1",
                "--db",
                url,
                "--db-password-file",
                tempDir.resolve("missing").toString(),
                "--audit-key",
                key().toString()))
        .isEqualTo(2);
    assertThat(cli.err()).startsWith("error: --db-password-file: cannot read");
  }
}
