package org.tocsin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tocsin.store.Account;
import org.tocsin.store.Accounts;
import org.tocsin.store.AuditResult;
import org.tocsin.store.AuditVerifier;
import org.tocsin.store.Journal;
import org.tocsin.store.JournalRecord;
import org.tocsin.store.LoginResult;
import org.tocsin.store.Role;
import org.tocsin.store.TestDatabase;
import org.tocsin.store.TestDatabase.Backend;

class UserCommandTest {

  private static final String PASSWORD = "correct horse battery";

  @TempDir Path tempDir;

  private final InProcessCli cli = new InProcessCli();

  /** Runs the command with {@code stdin} as standard input; the test JVM has no console. */
  private static int withStandardInput(String stdin, IntSupplier command) {
    InputStream original = System.in;
    System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    try {
      return command.getAsInt();
    } finally {
      System.setIn(original);
    }
  }

  private static Accounts accounts(TestDatabase db) {
    return new Accounts(db.database(), Clock.systemUTC());
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void addReadsThePasswordFromStandardInputAndTheAccountLogsInWithIt(Backend backend)
      throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      int status =
          withStandardInput(
              PASSWORD + "\r\nnext line is not read\n",
              () ->
                  cli.run(
                      "user",
                      "add",
                      "olena",
                      "--role",
                      "admin",
                      "--db",
                      db.url(),
                      "--audit-key",
                      db.auditKeyFile()));

      assertThat(cli.err()).isEmpty();
      assertThat(status).isZero();
      assertThat(cli.out()).isEqualTo("added account olena with role admin\n");
      LoginResult login = accounts(db).authenticate("olena", PASSWORD.toCharArray(), "127.0.0.1");
      assertThat(login).isInstanceOf(LoginResult.Ok.class);
      assertThat(((LoginResult.Ok) login).account())
          .extracting(Account::name, Account::role)
          .containsExactly("olena", Role.ADMIN);
      assertThat(new Journal(db.database(), Clock.systemUTC()).read(1))
          .map(JournalRecord::payloadJson)
          .first()
          .asString()
          .contains("\"action\":\"account-created\"", "\"account\":\"olena\"")
          .doesNotContain(PASSWORD);
      assertThat(AuditVerifier.verify(db.database())).isEqualTo(AuditResult.ok(2));
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aPasswordGivenAsAnArgumentIsRefusedAndNoAccountIsCreated(Backend backend)
      throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      int asOption =
          withStandardInput(
              PASSWORD + "\n",
              () ->
                  cli.run(
                      "user",
                      "add",
                      "olena",
                      "--role",
                      "admin",
                      "--password",
                      PASSWORD,
                      "--db",
                      db.url(),
                      "--audit-key",
                      db.auditKeyFile()));
      String optionError = cli.err();
      cli.clear();
      int asParameter =
          withStandardInput(
              PASSWORD + "\n",
              () ->
                  cli.run(
                      "user",
                      "add",
                      "olena",
                      PASSWORD,
                      "--role",
                      "admin",
                      "--db",
                      db.url(),
                      "--audit-key",
                      db.auditKeyFile()));

      assertThat(asOption).isEqualTo(2);
      assertThat(optionError)
          .startsWith("error: unexpected arguments (not repeated here)")
          .doesNotContain(PASSWORD);
      assertThat(asParameter).isEqualTo(2);
      assertThat(cli.err())
          .contains("a password is never taken on the command line")
          .doesNotContain(PASSWORD);
      assertThat(cli.out()).isEmpty();
      assertThat(accounts(db).find("olena")).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void badInputExitsTwoWithTheRuleAndCreatesNothing(Backend backend) throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      assertThat(
              withStandardInput(
                  "short\n",
                  () ->
                      cli.run(
                          "user",
                          "add",
                          "olena",
                          "--role",
                          "admin",
                          "--db",
                          db.url(),
                          "--audit-key",
                          db.auditKeyFile())))
          .isEqualTo(2);
      assertThat(cli.err()).isEqualTo("error: password must be at least 12 characters, was 5\n");
      cli.clear();

      assertThat(
              withStandardInput(
                  PASSWORD + "\n",
                  () ->
                      cli.run(
                          "user",
                          "add",
                          "olena",
                          "--role",
                          "root",
                          "--db",
                          db.url(),
                          "--audit-key",
                          db.auditKeyFile())))
          .isEqualTo(2);
      assertThat(cli.err())
          .isEqualTo("error: role must be one of viewer, operator, approver, admin, was 'root'\n");
      cli.clear();

      assertThat(
              withStandardInput(
                  PASSWORD + "\n",
                  () ->
                      cli.run(
                          "user",
                          "add",
                          "Olena",
                          "--role",
                          "admin",
                          "--db",
                          db.url(),
                          "--audit-key",
                          db.auditKeyFile())))
          .isEqualTo(2);
      assertThat(cli.err())
          .isEqualTo(
              "error: account name must be 3 to 64 lower-case letters, digits, '.', '_' or '-',"
                  + " was 'Olena'\n");
      cli.clear();

      assertThat(
              withStandardInput(
                  "",
                  () ->
                      cli.run(
                          "user",
                          "add",
                          "olena",
                          "--role",
                          "admin",
                          "--db",
                          db.url(),
                          "--audit-key",
                          db.auditKeyFile())))
          .isEqualTo(2);
      assertThat(cli.err()).startsWith("error: no password on standard input");

      assertThat(accounts(db).find("olena")).isEmpty();
      assertThat(AuditVerifier.verify(db.database())).isEqualTo(AuditResult.ok(0));
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aTakenNameIsRefusedBeforeThePasswordIsRead(Backend backend) throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      accounts(db).create("olena", Role.VIEWER, PASSWORD.toCharArray());

      int status =
          withStandardInput(
              "",
              () ->
                  cli.run(
                      "user",
                      "add",
                      "olena",
                      "--role",
                      "admin",
                      "--db",
                      db.url(),
                      "--audit-key",
                      db.auditKeyFile()));

      assertThat(status).isEqualTo(2);
      assertThat(cli.err()).isEqualTo("error: account 'olena' already exists\n");
      assertThat(accounts(db).find("olena").orElseThrow().role()).isEqualTo(Role.VIEWER);
    }
  }

  @Test
  void theRoleIsRequired() {
    assertThat(cli.run("user", "add", "olena")).isEqualTo(2);
    assertThat(cli.err()).startsWith("error: Missing required option: '--role=ROLE'");
  }

  @Test
  void aLongPasswordIsReadWhole() {
    String longPassword = "ї".repeat(300);

    char[] read =
        UserAddCommand.readLine(
            new ByteArrayInputStream((longPassword + "\n").getBytes(StandardCharsets.UTF_8)));

    assertThat(new String(read)).isEqualTo(longPassword);
  }
}
