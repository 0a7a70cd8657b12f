package org.tocsin.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tocsin.alert.AlertEvent;
import org.tocsin.alert.MessageType;
import org.tocsin.flight.ThreatClass;
import org.tocsin.store.TestDatabase.Backend;
import org.tocsin.track.LaunchDetection;
import org.tocsin.track.Observation;
import org.tocsin.track.RadarPlot;

class JournalCodecTest {

  @TempDir Path tempDir;

  @Test
  void everyKindOfReportDecodesToAnEqualReport() {
    List<Observation> reports = new java.util.ArrayList<>();
    reports.add(TestRecords.launch());
    for (ThreatClass threatClass : ThreatClass.values()) {
      LaunchDetection launch = TestRecords.launch();
      reports.add(
          new LaunchDetection(
              launch.sensorId(),
              launch.time(),
              launch.launchPoint(),
              launch.launchTime(),
              0.0,
              Double.MIN_VALUE,
              Double.MAX_VALUE,
              threatClass));
    }
    reports.add(TestRecords.plot(0));
    reports.add(TestRecords.plot(7));

    for (Observation report : reports) {
      assertThat(JournalCodec.decodeReport(JournalCodec.encode(report))).isEqualTo(report);
    }
  }

  @Test
  void everyTypeOfAlertEventDecodesToAnEqualEvent() {
    for (MessageType type : MessageType.values()) {
      for (int number = 1; number <= 2; number++) {
        AlertEvent event = TestRecords.alert("T1", number, type);

        assertThat(JournalCodec.decodeAlertEvent(JournalCodec.encode(event))).isEqualTo(event);
      }
    }
  }

  @Test
  void theStoredFormNamesTheTypeAndWritesInstantsInIso8601() {
    assertThat(JournalCodec.encode(TestRecords.plot(0)))
        .startsWith("{\"type\":\"radar-plot\",\"sensorId\":\"radar-kharkiv\"")
        .contains("\"time\":\"2024-11-21T02:03:00.123456789Z\"");
    assertThat(JournalCodec.encode(TestRecords.alert("T1", 1, MessageType.ALL_CLEAR)))
        .contains("\"type\":\"all-clear\"")
        .contains("\"level\":\"shelter\"")
        .endsWith("\"references\":null}");
  }

  @Test
  void aMalformedPayloadIsRejectedNamingTheField() {
    String plot = JournalCodec.encode(TestRecords.plot(0));

    assertThatThrownBy(() -> JournalCodec.decodeReport(plot.replace("\"rangeM\"", "\"range\"")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("field 'rangeM' must be a number");
    assertThatThrownBy(() -> JournalCodec.decodeReport("{\"type\":\"sonar\"}"))
        .hasMessageContaining("'type' must be launch-detection or radar-plot, was 'sonar'");
    assertThatThrownBy(() -> JournalCodec.decodeAlertEvent("[]"))
        .hasMessage("payload must be a JSON object");
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void reportsAndAlertEventsReplayFromTheJournalUnchanged(Backend backend) throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      Journal journal = new Journal(db.database(), new MutableClock(TestRecords.LAUNCH));
      LaunchDetection launch = TestRecords.launch();
      RadarPlot plot = TestRecords.plot(3);
      AlertEvent alert = TestRecords.alert("T1", 1, MessageType.ALERT);
      AlertEvent update = TestRecords.alert("T1", 2, MessageType.UPDATE);
      journal.appendReport(launch);
      journal.appendAlertEvent(alert, List.of("sse"));
      journal.appendReport(plot);
      journal.appendAlertEvent(update, List.of());

      List<Object> replayed =
          journal
              .read(1)
              .map(
                  record ->
                      record.kind() == RecordKind.REPORT
                          ? (Object) JournalCodec.decodeReport(record.payloadJson())
                          : JournalCodec.decodeAlertEvent(record.payloadJson()))
              .toList();

      assertThat(replayed).containsExactly(launch, alert, plot, update);
    }
  }
}
