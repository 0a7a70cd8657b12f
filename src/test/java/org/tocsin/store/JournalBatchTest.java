package org.tocsin.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tocsin.alert.MessageType;
import org.tocsin.store.TestDatabase.Backend;
import org.tocsin.track.Observation;

/** The server's two writes per batch: the reports, then what they led to. */
class JournalBatchTest {

  @TempDir Path tempDir;

  private final MutableClock clock = new MutableClock(TestRecords.LAUNCH);

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aBatchOfReportsIsOneCommitWithOneTimeAndAnUnbrokenChain(Backend backend)
      throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      Journal journal = new Journal(db.database(), clock);
      List<Observation> batch =
          List.of(TestRecords.launch(), TestRecords.plot(1), TestRecords.plot(2));
      assertThat(journal.appendReports(batch)).isEqualTo(3);
      clock.advance(Duration.ofSeconds(2));
      assertThat(journal.appendReports(List.of(TestRecords.plot(3)))).isEqualTo(4);

      List<JournalRecord> records = journal.read(1).toList();
      assertThat(records).extracting(JournalRecord::sequence).containsExactly(1L, 2L, 3L, 4L);
      assertThat(records.subList(0, 3))
          .extracting(JournalRecord::recordedAt)
          .containsOnly(records.get(0).recordedAt());
      assertThat(records.get(3).recordedAt()).isAfter(records.get(0).recordedAt());
      assertThat(records.stream().map(r -> JournalCodec.decodeReport(r.payloadJson())).toList())
          .containsExactly(batch.get(0), batch.get(1), batch.get(2), TestRecords.plot(3));
      assertThat(AuditVerifier.verify(db.database())).isEqualTo(AuditResult.ok(4));
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void decisionsAndTheirEventsAreOneCommitWithTheirOutboxRows(Backend backend) throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      Journal journal = new Journal(db.database(), clock);
      journal.appendReports(List.of(TestRecords.launch()));
      long last =
          journal.appendDecisions(
              List.of("{\"threat\":\"T1\",\"kind\":\"corridor\"}"),
              List.of(TestRecords.alert("T1", 1, MessageType.ALERT)),
              List.of("sse", "cap"));
      assertThat(last).isEqualTo(3);
      List<JournalRecord> records = journal.read(2).toList();
      assertThat(records)
          .extracting(JournalRecord::kind)
          .containsExactly(RecordKind.DECISION, RecordKind.ALERT_EVENT);
      assertThat(JournalCodec.decodeAlertEvent(records.get(1).payloadJson()))
          .isEqualTo(TestRecords.alert("T1", 1, MessageType.ALERT));
      Outbox outbox = new Outbox(db.database(), clock, Duration.ofMinutes(1));
      assertThat(outbox.claim("sse", 10)).hasSize(1);
      assertThat(outbox.claim("cap", 10)).hasSize(1);
      assertThat(journal.appendDecisions(List.of(), List.of(), List.of())).isEqualTo(3);
      assertThat(AuditVerifier.verify(db.database())).isEqualTo(AuditResult.ok(3));
    }
  }
}
