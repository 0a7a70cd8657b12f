package org.tocsin.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.tocsin.store.MutableClock;

class InProcessLogTest {

  private static final Instant T = Instant.parse("2024-11-21T02:00:00Z");
  private final MutableClock clock = new MutableClock(T);

  @Test
  void offsetsStartAtZeroWithoutGapsAndAReaderStartsAtItsOffset() {
    RecordLog<ReportBatch> log = RecordLog.inProcess(100, clock);
    for (int n = 0; n < 4; n++) {
      assertThat(log.append(Batches.numbered(n))).isEqualTo(new Appended(n, T));
    }
    LogReader<ReportBatch> reader = log.reader(2);
    List<LogRecord<ReportBatch>> read = reader.poll(Duration.ZERO);
    assertThat(read).extracting(LogRecord::offset).containsExactly(2L, 3L);
    assertThat(read).extracting(r -> Batches.number(r.value())).containsExactly(2, 3);
    assertThat(reader.position()).isEqualTo(4);
    assertThat(reader.poll(Duration.ZERO)).isEmpty();
  }

  @Test
  void aReaderBehindTheOldestRecordKeptGoesOnFromTheOldest() {
    RecordLog<String> log = RecordLog.inProcess(3, clock);
    for (int n = 0; n < 5; n++) {
      log.append("event-" + n);
    }
    LogReader<String> reader = log.reader(0);
    assertThat(reader.poll(Duration.ZERO))
        .extracting(LogRecord::value)
        .containsExactly("event-2", "event-3", "event-4");
  }

  @Test
  void aReaderPastTheEndWaitsForItsOffset() {
    RecordLog<String> log = RecordLog.inProcess(10, clock);
    log.append("event-0");
    LogReader<String> reader = log.reader(3);
    assertThat(reader.poll(Duration.ZERO)).isEmpty();
    for (int n = 1; n < 5; n++) {
      log.append("event-" + n);
    }
    assertThat(reader.poll(Duration.ZERO))
        .extracting(LogRecord::value)
        .containsExactly("event-3", "event-4");
  }

  @Test
  void aPollReturnsAtMostItsBoundAndTheRestOnTheNext() {
    RecordLog<String> log = RecordLog.inProcess(10_000, clock);
    for (int n = 0; n < InProcessLog.MAX_POLL_RECORDS + 1; n++) {
      log.append("event-" + n);
    }
    LogReader<String> reader = log.reader(0);
    assertThat(reader.poll(Duration.ZERO)).hasSize(InProcessLog.MAX_POLL_RECORDS);
    assertThat(reader.poll(Duration.ZERO))
        .extracting(LogRecord::value)
        .containsExactly("event-" + InProcessLog.MAX_POLL_RECORDS);
  }

  @Test
  void timesNeverGoBackAlongTheLogEvenWhenTheClockDoes() {
    RecordLog<String> log = RecordLog.inProcess(10, clock);
    log.append("first");
    clock.set(T.minusSeconds(5));
    assertThat(log.append("second").time()).isEqualTo(T);
    clock.set(T.plusSeconds(1));
    assertThat(log.append("third").time()).isEqualTo(T.plusSeconds(1));
  }

  @Test
  void aWaitingReaderIsGivenWhatIsAppendedMeanwhile() throws Exception {
    RecordLog<String> log = RecordLog.inProcess(10, clock);
    LogReader<String> reader = log.reader(0);
    CompletableFuture<List<LogRecord<String>>> polled =
        CompletableFuture.supplyAsync(() -> reader.poll(Duration.ofMinutes(1)));
    log.append("late");
    assertThat(polled.get(1, TimeUnit.MINUTES))
        .extracting(LogRecord::value)
        .containsExactly("late");
  }

  @Test
  void aClosedLogRefusesAppendsAndWakesItsReaders() throws Exception {
    RecordLog<String> log = RecordLog.inProcess(10, clock);
    LogReader<String> reader = log.reader(0);
    CompletableFuture<List<LogRecord<String>>> polled =
        CompletableFuture.supplyAsync(() -> reader.poll(Duration.ofMinutes(10)));
    log.close();
    assertThat(polled.get(1, TimeUnit.MINUTES)).isEmpty();
    assertThatThrownBy(() -> log.append("after"))
        .isInstanceOf(LogUnavailableException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void aNegativeOffsetOrCapacityIsRefusedNamingTheRule() {
    assertThatThrownBy(() -> RecordLog.inProcess(0, clock))
        .hasMessage("capacity must be at least 1, was 0");
    assertThatThrownBy(() -> RecordLog.inProcess(1, clock).reader(-1))
        .hasMessage("fromOffset must be at least 0, was -1");
  }
}
