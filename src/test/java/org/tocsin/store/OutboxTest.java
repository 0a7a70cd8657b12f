package org.tocsin.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tocsin.alert.AlertEvent;
import org.tocsin.alert.MessageType;
import org.tocsin.store.TestDatabase.Backend;

class OutboxTest {

  private static final Duration LEASE = Duration.ofSeconds(30);

  @TempDir Path tempDir;

  private final MutableClock clock = new MutableClock(TestRecords.LAUNCH);

  @ParameterizedTest
  @EnumSource(Backend.class)
  void anAlertEventIsJournalledWithOneMessagePerChannel(Backend backend) throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      Journal journal = new Journal(db.database(), clock);
      Outbox outbox = new Outbox(db.database(), clock, LEASE);
      AlertEvent event = TestRecords.alert("T1", 1, MessageType.ALERT);

      long sequence = journal.appendAlertEvent(event, List.of("sse", "webhook"));

      List<OutboxMessage> sse = outbox.claim("sse", 10);
      assertThat(sse).hasSize(1);
      assertThat(sse.get(0).idempotencyKey()).isEqualTo("T1-1/sse");
      assertThat(sse.get(0).journalSequence()).isEqualTo(sequence);
      assertThat(sse.get(0).attempt()).isEqualTo(1);
      assertThat(sse.get(0).lastError()).isEmpty();
      assertThat(JournalCodec.decodeAlertEvent(sse.get(0).payloadJson())).isEqualTo(event);
      assertThat(outbox.claim("webhook", 10))
          .extracting(OutboxMessage::idempotencyKey)
          .containsExactly("T1-1/webhook");
      assertThat(outbox.claim("mqtt", 10)).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aFailureInsideTheAppendLeavesNeitherTheRecordNorAnyMessage(Backend backend)
      throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      Journal journal = new Journal(db.database(), clock);
      AlertEvent event = TestRecords.alert("T1", 1, MessageType.ALERT);
      journal.appendAlertEvent(event, List.of("sse"));

      // "mqtt" is inserted first, then "sse" violates the idempotency key inside the transaction.
      assertThatThrownBy(() -> journal.appendAlertEvent(event, List.of("mqtt", "sse")))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("alert event 'T1-1' was already journalled for channel 'sse'");

      assertThat(journal.lastSequence()).isEqualTo(1);
      assertThat(journal.read(1)).hasSize(1);
      assertThat(count(db, "SELECT COUNT(*) FROM outbox")).isEqualTo(1);
      assertThat(count(db, "SELECT COUNT(*) FROM outbox WHERE channel = 'mqtt'")).isZero();
      assertThat(
              journal.appendAlertEvent(TestRecords.alert("T1", 2, MessageType.UPDATE), List.of()))
          .isEqualTo(2);
      assertThat(AuditVerifier.verify(db.database())).isEqualTo(AuditResult.ok(2));
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void claimReturnsDueMessagesOldestFirstAndLeasesThem(Backend backend) throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      Journal journal = new Journal(db.database(), clock);
      Outbox outbox = new Outbox(db.database(), clock, LEASE);
      for (int number = 1; number <= 5; number++) {
        journal.appendAlertEvent(
            TestRecords.alert("T1", number, MessageType.UPDATE), List.of("sse"));
      }

      assertThat(outbox.claim("sse", 3))
          .extracting(OutboxMessage::idempotencyKey)
          .containsExactly("T1-1/sse", "T1-2/sse", "T1-3/sse");
      assertThat(outbox.claim("sse", 3))
          .extracting(OutboxMessage::idempotencyKey)
          .containsExactly("T1-4/sse", "T1-5/sse");
      clock.advance(LEASE.minusMillis(1));
      assertThat(outbox.claim("sse", 10)).isEmpty();

      clock.advance(Duration.ofMillis(1));
      List<OutboxMessage> again = outbox.claim("sse", 10);

      assertThat(again).hasSize(5).extracting(OutboxMessage::attempt).containsOnly(2);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aDeliveredMessageIsNeverClaimedAgain(Backend backend) throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      Journal journal = new Journal(db.database(), clock);
      Outbox outbox = new Outbox(db.database(), clock, LEASE);
      journal.appendAlertEvent(TestRecords.alert("T1", 1, MessageType.ALERT), List.of("sse"));
      journal.appendAlertEvent(TestRecords.alert("T1", 2, MessageType.UPDATE), List.of("sse"));
      List<OutboxMessage> claimed = outbox.claim("sse", 10);

      outbox.markDelivered(claimed.get(0).id());
      outbox.markDelivered(claimed.get(0).id());
      clock.advance(LEASE.multipliedBy(10));

      assertThat(outbox.claim("sse", 10))
          .extracting(OutboxMessage::idempotencyKey)
          .containsExactly("T1-2/sse");
      assertThat(count(db, "SELECT COUNT(*) FROM outbox WHERE delivered_at IS NOT NULL"))
          .isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aFailedMessageComesBackAtItsRetryTimeWithTheErrorAndAnotherAttempt(Backend backend)
      throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      Journal journal = new Journal(db.database(), clock);
      Outbox outbox = new Outbox(db.database(), clock, LEASE);
      journal.appendAlertEvent(TestRecords.alert("T1", 1, MessageType.ALERT), List.of("webhook"));
      OutboxMessage first = outbox.claim("webhook", 1).get(0);

      outbox.markFailed(first.id(), "HTTP 503", clock.instant().plusSeconds(5));
      clock.advance(Duration.ofSeconds(4));
      assertThat(outbox.claim("webhook", 1)).isEmpty();
      clock.advance(Duration.ofSeconds(1));
      OutboxMessage second = outbox.claim("webhook", 1).get(0);

      assertThat(second.id()).isEqualTo(first.id());
      assertThat(second.attempt()).isEqualTo(2);
      assertThat(second.lastError()).isEqualTo(Optional.of("HTTP 503"));
      assertThat(second.idempotencyKey()).isEqualTo(first.idempotencyKey());
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void markingAMessageThatDoesNotExistIsRejected(Backend backend) throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      Outbox outbox = new Outbox(db.database(), clock, LEASE);

      assertThatThrownBy(() -> outbox.markDelivered(42))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("there is no outbox message 42");
      assertThatThrownBy(() -> outbox.markFailed(42, "x", clock.instant()))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void concurrentClaimersNeverReceiveTheSameMessage(Backend backend) throws Exception {
    try (TestDatabase db = TestDatabase.create(backend, tempDir);
        Database second = Database.open(db.url(), db.auditKey())) {
      Journal journal = new Journal(db.database(), clock);
      int messages = 300;
      for (int number = 1; number <= messages; number++) {
        journal.appendAlertEvent(
            TestRecords.alert("T1", number, MessageType.UPDATE), List.of("sse"));
      }
      List<Outbox> claimers = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        claimers.add(new Outbox(i % 2 == 0 ? db.database() : second, clock, LEASE));
      }
      ExecutorService executor = Executors.newFixedThreadPool(claimers.size());
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<Long>>> results = new ArrayList<>();
      for (Outbox claimer : claimers) {
        Callable<List<Long>> work =
            () -> {
              start.await();
              List<Long> ids = new ArrayList<>();
              for (List<OutboxMessage> batch = claimer.claim("sse", 7);
                  !batch.isEmpty();
                  batch = claimer.claim("sse", 7)) {
                batch.forEach(message -> ids.add(message.id()));
              }
              return ids;
            };
        results.add(executor.submit(work));
      }
      start.countDown();
      List<Long> all = new ArrayList<>();
      for (Future<List<Long>> result : results) {
        all.addAll(result.get());
      }
      executor.shutdown();

      Set<Long> distinct = new HashSet<>(all);
      assertThat(all).hasSize(messages);
      assertThat(distinct).hasSize(messages);
    }
  }

  private static long count(TestDatabase db, String sql) throws SQLException {
    try (Connection jdbc = db.jdbc();
        Statement statement = jdbc.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
