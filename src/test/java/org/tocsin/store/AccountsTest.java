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
  private static final String FROM = "192.0.2.10";
  private static final Instant NOW = Timestamps.stored(TestRecords.LAUNCH);

  @TempDir Path tempDir;

  private final MutableClock clock = new MutableClock(TestRecords.LAUNCH);

  private Accounts accounts(TestDatabase db) {
    return new Accounts(db.database(), clock);
  }

  /** Accounts on a cheap hasher, for tests that hash many times and do not look at the cost. */
  private Accounts cheapAccounts(TestDatabase db, PasswordHasher hasher) {
    return new Accounts(db.database(), clock, hasher);
  }

  private static PasswordHasher cheapHasher() {
    return new PasswordHasher(64, 1, 1, 2);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aCreatedAccountLogsInWithItsPasswordAndKeepsItsRole(Backend backend) throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      Accounts accounts = accounts(db);

      Account created = accounts.create("olena.k", Role.APPROVER, PASSWORD.toCharArray());

      assertThat(created).isEqualTo(new Account("olena.k", Role.APPROVER, NOW));
      assertThat(accounts.find("olena.k")).contains(created);
      assertThat(accounts.authenticate("olena.k", PASSWORD.toCharArray(), FROM))
          .isEqualTo(new LoginResult.Ok(created));
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aWrongPasswordFailsAndCountsAndAnUnknownNameIsUnknown(Backend backend) throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      Accounts accounts = accounts(db);
      accounts.create("olena", Role.OPERATOR, PASSWORD.toCharArray());

      assertThat(accounts.authenticate("olena", "wrong password!".toCharArray(), FROM))
          .isEqualTo(new LoginResult.Wrong(1));
      assertThat(accounts.authenticate("olena", "wrong password!".toCharArray(), FROM))
          .isEqualTo(new LoginResult.Wrong(2));
      assertThat(accounts.authenticate("mykola", PASSWORD.toCharArray(), FROM))
          .isEqualTo(new LoginResult.Unknown());
      assertThat(accounts.authenticate("NOT A NAME", PASSWORD.toCharArray(), FROM))
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
  void concurrentWrongPasswordsAreEachCountedOnceWithinTheCapOnHashing(Backend backend)
      throws Exception {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      PasswordHasher hasher = cheapHasher();
      cheapAccounts(db, hasher).create("olena", Role.OPERATOR, PASSWORD.toCharArray());
      // Two pools, as two server processes would share one database.
      try (Database second = Database.open(db.url(), db.auditKey())) {
        List<Accounts> servers =
            List.of(cheapAccounts(db, hasher), new Accounts(second, clock, hasher));
        ExecutorService executor = Executors.newFixedThreadPool(8);
        List<Future<LoginResult>> futures = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
          Accounts server = servers.get(i % 2);
          futures.add(
              executor.submit(
                  () -> server.authenticate("olena", "wrong password!".toCharArray(), FROM)));
        }
        List<LoginResult> results = new ArrayList<>();
        for (Future<LoginResult> future : futures) {
          results.add(future.get());
        }
        executor.shutdown();

        assertThat(results)
            .extracting(result -> ((LoginResult.Wrong) result).failuresInARow())
            .containsExactlyInAnyOrderElementsOf(
                java.util.stream.IntStream.rangeClosed(1, 12).boxed().toList());
        assertThat(hasher.mostHashesAtOnce()).isBetween(1, 2);
        assertThat(new Journal(db.database(), clock).read(1))
            .filteredOn(record -> record.payloadJson().contains("\"login-failed\""))
            .hasSize(12);
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

      accounts.authenticate("olena", "wrong password!".toCharArray(), FROM);
      accounts.authenticate("olena", "wrong password!".toCharArray(), FROM);
      assertThat(accounts.authenticate("olena", PASSWORD.toCharArray(), FROM))
          .isInstanceOf(LoginResult.Ok.class);

      assertThat(accounts.authenticate("olena", "wrong password!".toCharArray(), FROM))
          .isEqualTo(new LoginResult.Wrong(1));
      assertThat(accounts.authenticate("olena", "wrong password!".toCharArray(), FROM))
          .isEqualTo(new LoginResult.Wrong(2));
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void onlyTheArgon2idHashIsStoredNeverThePassword(Backend backend) throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      accounts(db).create("olena", Role.OPERATOR, PASSWORD.toCharArray());
      accounts(db).authenticate("olena", "a wrong password".toCharArray(), FROM);

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
      accounts.authenticate("olena", PASSWORD.toCharArray(), FROM);
      accounts.authenticate("nobody", PASSWORD.toCharArray(), FROM);
      for (int i = 0; i < 3; i++) {
        accounts.authenticate("olena", "wrong password!".toCharArray(), FROM);
      }
      accounts.authenticate("olena", PASSWORD.toCharArray(), FROM);
      accounts.journalUnknownNameFailuresNow();
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
                + (payload.has("reason") ? " " + payload.get("reason").asText() : "")
                + (payload.has("from") ? " from " + payload.get("from") : ""));
      }

      assertThat(actions)
          .containsExactly(
              "account-created olena approver",
              "login olena approver from \"192.0.2.10\"",
              "login-failed olena approver wrong-password from \"192.0.2.10\"",
              "login-failed olena approver wrong-password from \"192.0.2.10\"",
              "login-failed olena approver wrong-password from \"192.0.2.10\"",
              "login olena approver from \"192.0.2.10\"",
              "login-failed-unknown-names null null unknown from {\"192.0.2.10\":1}");
      assertThat(records)
          .extracting(JournalRecord::payloadJson)
          .noneMatch(p -> p.contains(PASSWORD));
      assertThat(AuditVerifier.verify(db.database())).isEqualTo(AuditResult.ok(records.size()));
    }
  }

  /** Finding 6: 30 wrong passwords locked an account for 15 minutes, its owner included. */
  @ParameterizedTest
  @EnumSource(Backend.class)
  void manyWrongPasswordsNeverLockTheAccountAgainstItsOwner(Backend backend) throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      Accounts accounts = cheapAccounts(db, cheapHasher());
      accounts.create("olena", Role.APPROVER, PASSWORD.toCharArray());
      for (int i = 0; i < 30; i++) {
        accounts.authenticate("olena", "wrong password!".toCharArray(), "203.0.113.66");
      }

      assertThat(accounts.authenticate("olena", PASSWORD.toCharArray(), FROM))
          .isInstanceOf(LoginResult.Ok.class);
    }
  }

  /** Finding 6: each failure on a made-up name wrote a journal record of its own. */
  @ParameterizedTest
  @EnumSource(Backend.class)
  void failuresForUnknownNamesAreJournalledTogetherNotOneRecordEach(Backend backend)
      throws Exception {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      Accounts accounts = cheapAccounts(db, cheapHasher());
      Journal journal = new Journal(db.database(), clock);
      long before = journal.lastSequence();
      for (int i = 0; i < 40; i++) {
        String from = i % 4 == 0 ? "198.51.100.7" : "203.0.113.66";
        assertThat(accounts.authenticate("nobody-" + i, PASSWORD.toCharArray(), from))
            .isEqualTo(new LoginResult.Unknown());
      }
      accounts.journalDueUnknownNameFailures();
      assertThat(journal.lastSequence()).as("within the interval").isEqualTo(before);

      clock.advance(Accounts.UNKNOWN_NAMES_INTERVAL);
      accounts.authenticate("nobody-else", PASSWORD.toCharArray(), FROM);

      List<JournalRecord> records = journal.read(before + 1).toList();
      assertThat(records).hasSize(1);
      JsonNode payload = new ObjectMapper().readTree(records.get(0).payloadJson());
      assertThat(payload.get("action").asText()).isEqualTo("login-failed-unknown-names");
      assertThat(payload.get("since").asText()).isEqualTo(NOW.toString());
      assertThat(payload.get("attempts").asLong()).isEqualTo(40);
      assertThat(payload.get("from").get("203.0.113.66").asLong()).isEqualTo(30);
      assertThat(payload.get("from").get("198.51.100.7").asLong()).isEqualTo(10);
      assertThat(payload.toString()).doesNotContain("nobody");

      accounts.journalUnknownNameFailuresNow();
      assertThat(journal.read(before + 2).toList())
          .singleElement()
          .satisfies(record -> assertThat(record.payloadJson()).contains("\"attempts\":1"));
      assertThat(AuditVerifier.verify(db.database()).firstBreak()).isEmpty();
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
