package org.tocsin.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.tocsin.alert.AlertEvent;
import org.tocsin.alert.AlertLevel;
import org.tocsin.alert.AreaWarning;
import org.tocsin.alert.MessageType;

/** The report and event logs on a real broker: offsets, order, and hostile records. */
class KafkaBusIT {

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private static KafkaBus connect() {
    return KafkaBus.connect(SharedBroker.settings(), "it");
  }

  @Test
  void appendedBatchesAreReadBackInOrderWithTheirOffsetsAndTheBrokersTimes() {
    KafkaBus bus = connect();
    try (RecordLog<ReportBatch> log = bus.reports()) {
      List<Appended> appended = new ArrayList<>();
      for (int n = 0; n < 5; n++) {
        appended.add(log.append(Batches.numbered(n)));
      }
      assertThat(appended).extracting(Appended::offset).containsExactly(0L, 1L, 2L, 3L, 4L);
      assertThat(appended.get(4).time()).isAfterOrEqualTo(appended.get(0).time());

      List<LogRecord<ReportBatch>> read = readAll(log.reader(0), 5);
      assertThat(read).extracting(LogRecord::offset).containsExactly(0L, 1L, 2L, 3L, 4L);
      assertThat(read).extracting(r -> Batches.number(r.value())).containsExactly(0, 1, 2, 3, 4);
      assertThat(read.get(2).value()).isEqualTo(Batches.numbered(2));
      assertThat(read)
          .extracting(LogRecord::time)
          .isEqualTo(appended.stream().map(Appended::time).toList());

      List<LogRecord<ReportBatch>> fromThree = readAll(log.reader(3), 2);
      assertThat(fromThree).extracting(LogRecord::offset).containsExactly(3L, 4L);
    }
  }

  @Test
  void aReaderPastTheEndWaitsForItsOffsetRatherThanStartingOver() {
    KafkaBus bus = connect();
    try (RecordLog<ReportBatch> log = bus.reports()) {
      log.append(Batches.numbered(0));
      log.append(Batches.numbered(1));
      try (LogReader<ReportBatch> reader = log.reader(5)) {
        assertThat(reader.poll(Duration.ofSeconds(2))).isEmpty();
        for (int n = 2; n < 7; n++) {
          log.append(Batches.numbered(n));
        }
        assertThat(readAll(reader, 2)).extracting(LogRecord::offset).containsExactly(5L, 6L);
      }
    }
  }

  @Test
  void aFencedWritersRecordsAreReadToTheEndAndANewWriterFencesTheOldOne() {
    KafkaBus bus = connect();
    ReportBatchCodec codec = new ReportBatchCodec();
    try (RecordLog<ReportBatch> log = bus.reports();
        LogReader<ReportBatch> reader = bus.events(codec).reader(0)) {
      FencedWriter<ReportBatch> first = bus.fencedEvents(codec);
      first.appendAll(List.of(Batches.numbered(0), Batches.numbered(1)));
      List<LogRecord<ReportBatch>> read = readAll(reader, 2);
      assertThat(read).extracting(r -> Batches.number(r.value())).containsExactly(0, 1);
      // A commit marker follows each transaction: a reader that read it all is at the end.
      assertThat(reader.poll(Duration.ofMillis(500))).isEmpty();
      assertThat(reader.position()).isEqualTo(reader.end());

      try (FencedWriter<ReportBatch> second = bus.fencedEvents(codec)) {
        assertThatThrownBy(() -> first.appendAll(List.of(Batches.numbered(2))))
            .isInstanceOf(FencedWriter.FencedException.class);
        second.appendAll(List.of(Batches.numbered(3)));
      } finally {
        first.close();
      }
      assertThat(readAll(reader, 1)).extracting(r -> Batches.number(r.value())).containsExactly(3);
      assertThat(log).isNotNull();
    }
  }

  @Test
  void alertEventsAreReadBackEqualFromAnyOffset() {
    KafkaBus bus = connect();
    try (RecordLog<AlertEvent> log = bus.alertEvents()) {
      Instant t = Instant.parse("2024-11-21T02:03:00Z");
      AlertEvent alert =
          new AlertEvent(
              "T1-1",
              t,
              "T1",
              MessageType.ALERT,
              List.of(new AreaWarning("UA-1", AlertLevel.SHELTER, 0.9, t.plusSeconds(300))),
              "engine",
              Optional.empty());
      AlertEvent cancel =
          new AlertEvent(
              "T1-2", t, "T1", MessageType.CANCEL, List.of(), "gone", Optional.of("T1-1"));
      assertThat(log.append(alert).offset()).isEqualTo(0);
      assertThat(log.append(cancel).offset()).isEqualTo(1);

      assertThat(readAll(log.reader(0), 2))
          .extracting(LogRecord::value)
          .containsExactly(alert, cancel);
      assertThat(readAll(log.reader(1), 1)).extracting(LogRecord::value).containsExactly(cancel);
    }
  }

  @Test
  void malformedRecordsAreSkippedAndCountedAndReadingGoesOn() throws Exception {
    KafkaBus bus = connect();
    String topic = bus.settings().reportsTopic();
    try (RecordLog<ReportBatch> log = bus.reports();
        KafkaProducer<byte[], byte[]> hostile =
            new KafkaProducer<>(bus.producerConfig("hostile"))) {
      log.append(Batches.numbered(1));
      for (byte[] bad :
          new byte[][] {
            "not json".getBytes(StandardCharsets.UTF_8),
            // JSON, but a report no sensor may send: a range beyond 10,000 km.
            Batches.numbered(9)
                .json()
                .replace("812345.5", "1.0E9")
                .getBytes(StandardCharsets.UTF_8),
            {(byte) 0xC3, (byte) 0x28},
            null,
            new byte[0]
          }) {
        hostile.send(new ProducerRecord<>(topic, 0, null, bad)).get(30, TimeUnit.SECONDS);
      }
      log.append(Batches.numbered(2));

      LogReader<ReportBatch> reader = log.reader(0);
      List<LogRecord<ReportBatch>> read = readAll(reader, 2);
      assertThat(read).extracting(r -> Batches.number(r.value())).containsExactly(1, 2);
      assertThat(read).extracting(LogRecord::offset).containsExactly(0L, 6L);
      assertThat(reader.skipped()).isEqualTo(5);
      assertThat(reader.position()).isEqualTo(7);
      reader.close();
    }
  }

  @Test
  void aTopicOfSeveralPartitionsIsRefusedForItWouldHaveNoOneOrder() throws Exception {
    KafkaSettings settings = SharedBroker.settings();
    try (Admin admin =
        Admin.create(Map.<String, Object>of("bootstrap.servers", settings.bootstrapServers()))) {
      admin
          .createTopics(List.of(new NewTopic(settings.reportsTopic(), 3, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    assertThatThrownBy(() -> KafkaBus.connect(settings, "it"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("must have exactly one partition");
  }

  /** Polls until {@code count} records are read (or fails after {@link #PATIENCE}). */
  static <T> List<LogRecord<T>> readAll(LogReader<T> reader, int count) {
    List<LogRecord<T>> read = new ArrayList<>();
    await()
        .atMost(PATIENCE)
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(10))
        .until(
            () -> {
              read.addAll(reader.poll(Duration.ofMillis(500)));
              return read.size() >= count;
            });
    return read;
  }
}
