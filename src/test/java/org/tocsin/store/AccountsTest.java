package org.tocsin.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tocsin.store.TestDatabase.Backend;

class AccountsTest {

  private static final String PASSWORD = "correct horse battery";
  private static final Duration LOCKOUT = Duration.ofMinutes(15);
  private static final Instant NOW = Transactions.stored(TestRecords.LAUNCH);

  @TempDir Path tempDir;

  private final MutableClock clock = new MutableClock(TestRecords.LAUNCH);

  private Accounts accounts(TestDatabase db) {
    return new Accounts(db.database(), clock, 3, LOCKOUT);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aCreatedAccountLogsInWithItsPasswordAndKeepsItsRole(Backend backend) throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      Accounts accounts = accounts(db);

      Account created = accounts.create("olena.k", Role.APPROVER, PASSWORD.toCharArray());

      assertThat(created).isEqualTo(new Account("olena.k", Role.APPROVER, NOW));
      assertThat(accounts.find("olena.k")).contains(created);
      assertThat(accounts.authenticate("olena.k", PASSWORD.toCharArray()))
          .isEqualTo(new LoginResult.Ok(created));
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aWrongPasswordFailsAndCountsAndAnUnknownNameIsUnknown(Backend backend) throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      Accounts accounts = accounts(db);
      accounts.create("olena", Role.OPERATOR, PASSWORD.toCharArray());

      assertThat(accounts.authenticate("olena", "wrong password!".toCharArray()))
          .isEqualTo(new LoginResult.Wrong(2));
      assertThat(accounts.authenticate("olena", "wrong password!".toCharArray()))
          .isEqualTo(new LoginResult.Wrong(1));
      assertThat(accounts.authenticate("mykola", PASSWORD.toCharArray()))
          .isEqualTo(new LoginResult.Unknown());
      assertThat(accounts.authenticate("NOT A NAME", PASSWORD.toCharArray()))
          .isEqualTo(new LoginResult.Unknown());
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void malformedNamesShortPasswordsAndDuplicatesAreRefusedSayingTheRule(Backend backend)
      throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      Accounts accounts = accounts(db);
      accounts.create("olena", Role.OPERATOR, PASSWORD.toCharArray());

      for (String name : List.of("ol", "Olena", "olena k", "a".repeat(65), "олена", "")) {
        assertThatThrownBy(() -> accounts.create(name, Role.VIEWER, PASSWORD.toCharArray()))
            .as(name)
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage(
                "account name must be 3 to 64 lower-case letters, digits, '.', '_' or '-', was '"
                    + name
                    + "'");
      }
      assertThatThrownBy(() -> accounts.create("mykola", Role.VIEWER, "short".toCharArray()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("password must be at least 12 characters");
      assertThatThrownBy(() -> accounts.create("olena", Role.ADMIN, PASSWORD.toCharArray()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("account 'olena' already exists");
      assertThat(accounts.find("olena").orElseThrow().role()).isEqualTo(Role.OPERATOR);
      assertThat(accounts.find("mykola")).isEmpty();
      assertThat(accounts.create("a.b_c-9", Role.VIEWER, PASSWORD.toCharArray()).name())
          .isEqualTo("a.b_c-9");
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void repeatedWrongPasswordsLockTheAccountUntilTheLockoutHasPassed(Backend backend)
      throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      Accounts accounts = accounts(db);
      accounts.create("olena", Role.OPERATOR, PASSWORD.toCharArray());

      accounts.authenticate("olena", "wrong password 1".toCharArray());
      accounts.authenticate("olena", "wrong password 2".toCharArray());
      LoginResult third = accounts.authenticate("olena", "wrong password 3".toCharArray());

      assertThat(third).isEqualTo(new LoginResult.Locked(NOW.plus(LOCKOUT)));
      clock.advance(LOCKOUT.minusSeconds(1));
      assertThat(accounts.authenticate("olena", PASSWORD.toCharArray()))
          .isEqualTo(new LoginResult.Locked(NOW.plus(LOCKOUT)));
      clock.advance(Duration.ofSeconds(1));
      assertThat(accounts.authenticate("olena", PASSWORD.toCharArray()))
          .isInstanceOf(LoginResult.Ok.class);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void afterALockoutTheAccountHasAFullSetOfTriesAgain(Backend backend) throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      Accounts accounts = accounts(db);
      accounts.create("olena", Role.OPERATOR, PASSWORD.toCharArray());
      for (int i = 0; i < 3; i++) {
        accounts.authenticate("olena", "wrong password!".toCharArray());
      }
      clock.advance(LOCKOUT);

      assertThat(accounts.authenticate("olena", "wrong password!".toCharArray()))
          .isEqualTo(new LoginResult.Wrong(2));
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void concurrentWrongPasswordsLockTheAccountOnceAndNeverGetMoreTries(Backend backend)
      throws Exception {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      accounts(db).create("olena", Role.OPERATOR, PASSWORD.toCharArray());
      // Two pools, as two server processes would share one database.
      try (Database second = Database.open(db.url(), db.auditKey())) {
        List<Accounts> servers = List.of(accounts(db), new Accounts(second, clock, 3, LOCKOUT));
        ExecutorService executor = Executors.newFixedThreadPool(8);
        List<Future<LoginResult>> futures = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
          Accounts server = servers.get(i % 2);
          futures.add(
              executor.submit(() -> server.authenticate("olena", "wrong password!".toCharArray())));
        }
        List<LoginResult> results = new ArrayList<>();
        for (Future<LoginResult> future : futures) {
          results.add(future.get());
        }
        executor.shutdown();

        assertThat(results)
            .filteredOn(LoginResult.Wrong.class::isInstance)
            .containsExactlyInAnyOrder(new LoginResult.Wrong(2), new LoginResult.Wrong(1));
        assertThat(results)
            .filteredOn(LoginResult.Locked.class::isInstance)
            .hasSize(10)
            .allMatch(result -> result.equals(new LoginResult.Locked(NOW.plus(LOCKOUT))));
        assertThat(new Journal(db.database(), clock).read(1))
            .filteredOn(record -> record.payloadJson().contains("\"account-locked\""))
            .hasSize(1);
        assertThat(AuditVerifier.verify(db.database()).firstBreak()).isEmpty();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aSuccessfulLoginResetsTheCountOfFailures(Backend backend) throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      Accounts accounts = accounts(db);
      accounts.create("olena", Role.OPERATOR, PASSWORD.toCharArray());

      accounts.authenticate("olena", "wrong password!".toCharArray());
      accounts.authenticate("olena", "wrong password!".toCharArray());
      assertThat(accounts.authenticate("olena", PASSWORD.toCharArray()))
          .isInstanceOf(LoginResult.Ok.class);

      assertThat(accounts.authenticate("olena", "wrong password!".toCharArray()))
          .isEqualTo(new LoginResult.Wrong(2));
      assertThat(accounts.authenticate("olena", "wrong password!".toCharArray()))
          .isEqualTo(new LoginResult.Wrong(1));
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void onlyTheArgon2idHashIsStoredNeverThePassword(Backend backend) throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      accounts(db).create("olena", Role.OPERATOR, PASSWORD.toCharArray());
      accounts(db).authenticate("olena", "a wrong password".toCharArray());

      List<String> stored = new ArrayList<>();
      try (Connection jdbc = db.jdbc();
          Statement statement = jdbc.createStatement()) {
        stored.addAll(everyValue(statement, "SELECT * FROM accounts"));
        stored.addAll(everyValue(statement, "SELECT * FROM journal"));
      }

      assertThat(stored).anyMatch(value -> value.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"));
      assertThat(stored).noneMatch(value -> value.contains(PASSWORD));
      assertThat(stored).noneMatch(value -> value.contains("a wrong password"));
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void everyAccountActionIsJournalledAndTheAuditTrailStaysIntact(Backend backend) throws Exception {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      Accounts accounts = accounts(db);
      Journal journal = new Journal(db.database(), clock);
      journal.append(RecordKind.REPORT, "{}");
      accounts.create("olena", Role.APPROVER, PASSWORD.toCharArray());
      accounts.authenticate("olena", PASSWORD.toCharArray());
      accounts.authenticate("nobody", PASSWORD.toCharArray());
      for (int i = 0; i < 3; i++) {
        accounts.authenticate("olena", "wrong password!".toCharArray());
      }
      accounts.authenticate("olena", PASSWORD.toCharArray());
      journal.append(RecordKind.REPORT, "{}");

      List<JournalRecord> records = journal.read(1).toList();
      ObjectMapper json = new ObjectMapper();
      List<String> actions = new ArrayList<>();
      for (JournalRecord record : records.subList(1, records.size() - 1)) {
        assertThat(record.kind()).isEqualTo(RecordKind.OPERATOR_ACTION);
        JsonNode payload = json.readTree(record.payloadJson());
        assertThat(payload.get("at").asText()).isEqualTo(NOW.toString());
        actions.add(
            payload.get("action").asText()
                + " "
                + payload.get("account").asText()
                + " "
                + payload.get("role").asText()
                + (payload.has("reason") ? " " + payload.get("reason").asText() : ""));
      }

      assertThat(actions)
          .containsExactly(
              "account-created olena approver",
              "login olena approver",
              "login-failed nobody null unknown",
              "login-failed olena approver wrong-password",
              "login-failed olena approver wrong-password",
              "login-failed olena approver wrong-password",
              "account-locked olena approver",
              "login-failed olena approver locked");
      assertThat(records)
          .extracting(JournalRecord::payloadJson)
          .noneMatch(p -> p.contains(PASSWORD));
      assertThat(AuditVerifier.verify(db.database())).isEqualTo(AuditResult.ok(records.size()));
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aRefusedCreationLeavesNeitherAnAccountNorAJournalRecord(Backend backend)
      throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      Accounts accounts = accounts(db);
      accounts.create("olena", Role.OPERATOR, PASSWORD.toCharArray());
      long before = new Journal(db.database(), clock).lastSequence();

      assertThatThrownBy(() -> accounts.create("olena", Role.ADMIN, PASSWORD.toCharArray()))
          .isInstanceOf(IllegalArgumentException.class);

      assertThat(new Journal(db.database(), clock).lastSequence()).isEqualTo(before);
      assertThat(AuditVerifier.verify(db.database())).isEqualTo(AuditResult.ok(before));
    }
  }

  /** Every non-null value of every row, as text. */
  static List<String> everyValue(Statement statement, String query) throws SQLException {
    List<String> values = new ArrayList<>();
    try (ResultSet rows = statement.executeQuery(query)) {
      int columns = rows.getMetaData().getColumnCount();
      while (rows.next()) {
        for (int i = 1; i <= columns; i++) {
          Object value = rows.getObject(i);
          if (value instanceof byte[] bytes) {
            values.add(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1));
          } else if (value != null) {
            values.add(value.toString());
          }
        }
      }
    }
    return values;
  }
}
