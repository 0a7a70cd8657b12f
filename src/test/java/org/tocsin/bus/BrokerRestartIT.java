package org.tocsin.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A broker restarted while reports are being appended, cleanly (SIGTERM) or after a crash
 * (SIGKILL): the producer reconnects by itself, and every batch that was acknowledged is in the log
 * exactly once, in the order acknowledged.
 */
class BrokerRestartIT {

  private static final Duration PATIENCE = Duration.ofSeconds(90);

  @Test
  void everyAcknowledgedBatchIsReadBackExactlyOnceInOrderAfterACleanRestart() throws Exception {
    appendThrough(SharedBroker.get()::stop, "a clean restart");
  }

  @Test
  void everyAcknowledgedBatchIsReadBackExactlyOnceInOrderAfterTheBrokerWasKilled()
      throws Exception {
    appendThrough(SharedBroker.get()::kill, "SIGKILL");
  }

  private static void appendThrough(Runnable outage, String what) throws Exception {
    KafkaBroker broker = SharedBroker.get();
    KafkaBus bus = KafkaBus.connect(SharedBroker.settings(), "it");
    List<Integer> acknowledged = new CopyOnWriteArrayList<>();
    List<Long> offsets = new CopyOnWriteArrayList<>();
    AtomicInteger failed = new AtomicInteger();
    AtomicBoolean appending = new AtomicBoolean(true);
    try (RecordLog<ReportBatch> log = bus.reports()) {
      Thread appender =
          new Thread(
              () -> {
                for (int n = 0; appending.get(); n++) {
                  try {
                    Appended appended = log.append(Batches.numbered(n));
                    acknowledged.add(n);
                    offsets.add(appended.offset());
                  } catch (LogUnavailableException e) {
                    failed.incrementAndGet();
                  }
                }
              },
              "appender");
      appender.start();
      await().atMost(PATIENCE).until(() -> acknowledged.size() >= 20);

      outage.run();
      int beforeRestart = acknowledged.size();
      broker.restart();
      System.out.println(
          "BrokerRestartIT: after "
              + what
              + ", the broker started again in "
              + broker.lastStartTime().toMillis()
              + " ms");
      await().atMost(PATIENCE).until(() -> acknowledged.size() >= beforeRestart + 20);
      appending.set(false);
      appender.join(PATIENCE.toMillis());
      System.out.println(
          "BrokerRestartIT: "
              + acknowledged.size()
              + " batches acknowledged through "
              + what
              + ", "
              + failed.get()
              + " appends failed while the broker was away");

      long lastOffset = offsets.get(offsets.size() - 1);
      List<Integer> read = new ArrayList<>();
      List<Long> readOffsets = new ArrayList<>();
      try (LogReader<ReportBatch> reader = log.reader(0)) {
        await()
            .atMost(PATIENCE)
            .until(
                () -> {
                  for (LogRecord<ReportBatch> record : reader.poll(Duration.ofMillis(500))) {
                    read.add(Batches.number(record.value()));
                    readOffsets.add(record.offset());
                  }
                  return reader.position() > lastOffset;
                });
        assertThat(reader.skipped()).isZero();
      }
      Set<Integer> seen = new HashSet<>();
      assertThat(read).allMatch(seen::add, "appears once");
      assertThat(read.stream().filter(acknowledged::contains).toList())
          .containsExactlyElementsOf(acknowledged);
      for (int i = 0; i < read.size(); i++) {
        int index = acknowledged.indexOf(read.get(i));
        if (index >= 0) {
          assertThat(readOffsets.get(i)).isEqualTo(offsets.get(index));
        }
      }
    }
  }
}
