package org.tocsin.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tocsin.store.TestDatabase.Backend;

class JournalTest {

  @TempDir Path tempDir;

  private final MutableClock clock = new MutableClock(TestRecords.LAUNCH);

  @ParameterizedTest
  @EnumSource(Backend.class)
  void migrationsCreateTheJournalOutboxAndSensorTablesAndAnEmptyChain(Backend backend)
      throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir);
        Connection jdbc = db.jdbc();
        Statement statement = jdbc.createStatement()) {
      try (ResultSet rows =
          statement.executeQuery(
              "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL"
                  + " ORDER BY installed_rank")) {
        List<String> versions = new ArrayList<>();
        while (rows.next()) {
          versions.add(rows.getString(1));
        }
        assertThat(versions).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
      }
      for (String table :
          List.of("journal", "outbox", "sensor", "accounts", "drafts", "upstream_cap")) {
        try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
          assertThat(rows.next()).isTrue();
          assertThat(rows.getLong(1)).as(table).isZero();
        }
      }
      assertThat(new Journal(db.database(), clock).lastSequence()).isZero();
      assertThat(AuditVerifier.verify(db.database())).isEqualTo(AuditResult.ok(0));
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void appendedRecordsAreReadBackInOrderExactlyAsAppended(Backend backend) throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      Journal journal = new Journal(db.database(), clock);
      List<String> payloads =
          List.of("{\"a\":1}", "[1, 2.50, \"x\"]", "{ \"spaced\" : \"Дніпро ✓\\n\" }", "null");
      List<RecordKind> kinds =
          List.of(
              RecordKind.REPORT,
              RecordKind.DECISION,
              RecordKind.OPERATOR_ACTION,
              RecordKind.ALERT_EVENT);
      for (int i = 0; i < payloads.size(); i++) {
        clock.advance(Duration.ofNanos(1_234_567));
        assertThat(journal.append(kinds.get(i), payloads.get(i))).isEqualTo(i + 1);
      }

      List<JournalRecord> records = journal.read(1).toList();

      assertThat(records).extracting(JournalRecord::sequence).containsExactly(1L, 2L, 3L, 4L);
      assertThat(records).extracting(JournalRecord::kind).containsExactlyElementsOf(kinds);
      assertThat(records)
          .extracting(JournalRecord::payloadJson)
          .containsExactlyElementsOf(payloads);
      assertThat(records.get(3).recordedAt())
          .isEqualTo(
              TestRecords.LAUNCH
                  .plusNanos(4 * 1_234_567)
                  .truncatedTo(java.time.temporal.ChronoUnit.MICROS));
      assertThat(records.get(0).previousHash()).isEqualTo("0".repeat(64));
      assertThat(records.get(1).previousHash()).isEqualTo(records.get(0).hash());
      assertThat(journal.read(3).map(JournalRecord::sequence).toList()).containsExactly(3L, 4L);
      assertThat(journal.read(5)).isEmpty();
      assertThat(journal.lastSequence()).isEqualTo(4);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void readingStreamsAcrossPagesWithoutSkippingOrRepeating(Backend backend) throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      Journal journal = new Journal(db.database(), clock);
      int count = 1_203;
      for (int i = 1; i <= count; i++) {
        journal.append(RecordKind.REPORT, "{\"n\":" + i + "}");
      }

      assertThat(journal.read(1).map(JournalRecord::payloadJson).toList())
          .containsExactlyElementsOf(
              IntStream.rangeClosed(1, count).mapToObj(i -> "{\"n\":" + i + "}").toList());
      assertThat(journal.read(700).count()).isEqualTo(count - 699);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aPayloadThatIsNotJsonIsRejectedAndNothingIsStored(Backend backend) throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      Journal journal = new Journal(db.database(), clock);

      assertThatThrownBy(() -> journal.append(RecordKind.REPORT, "{\"a\":1} trailing"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("payload must be a JSON document");
      assertThatThrownBy(() -> journal.append(RecordKind.REPORT, " "))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(journal.lastSequence()).isZero();
      assertThat(journal.read(1)).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void concurrentAppendsGetGaplessNumbersAndKeepTheChainIntact(Backend backend) throws Exception {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      // Two journals on two pools, as two server processes would share one database.
      try (Database second = Database.open(db.url(), db.auditKey())) {
        List<Journal> journals =
            List.of(
                new Journal(db.database(), Clock.systemUTC()),
                new Journal(second, Clock.systemUTC()));
        ExecutorService executor = Executors.newFixedThreadPool(8);
        List<Future<Long>> sequences = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
          Journal journal = journals.get(i % 2);
          String payload = "{\"i\":" + i + "}";
          sequences.add(executor.submit(() -> journal.append(RecordKind.REPORT, payload)));
        }
        List<Long> returned = new ArrayList<>();
        for (Future<Long> sequence : sequences) {
          returned.add(sequence.get());
        }
        executor.shutdown();

        assertThat(returned)
            .containsExactlyInAnyOrderElementsOf(
                IntStream.rangeClosed(1, 400).mapToObj(i -> (long) i).toList());
        assertThat(AuditVerifier.verify(db.database())).isEqualTo(AuditResult.ok(400));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void everyAppendedRecordIsThereAfterTheDatabaseIsClosedAndReopened(Backend backend)
      throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      Journal journal = new Journal(db.database(), clock);
      List<JournalRecord> before = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        clock.advance(Duration.ofMillis(3));
        journal.appendReport(TestRecords.plot(i));
      }
      journal.read(1).forEach(before::add);

      Journal reopened = new Journal(db.reopen(), clock);

      assertThat(reopened.read(1).toList()).hasSize(50).isEqualTo(before);
      assertThat(reopened.append(RecordKind.DECISION, "{}")).isEqualTo(51);
      assertThat(AuditVerifier.verify(db.database())).isEqualTo(AuditResult.ok(51));
    }
  }
}
