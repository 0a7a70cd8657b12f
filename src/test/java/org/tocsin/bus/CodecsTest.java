package org.tocsin.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tocsin.alert.AlertEvent;
import org.tocsin.alert.AlertLevel;
import org.tocsin.alert.AreaWarning;
import org.tocsin.alert.MessageType;
import org.tocsin.track.RadarPlot;

class CodecsTest {

  private final ReportBatchCodec reports = new ReportBatchCodec();
  private final AlertEventCodec events = new AlertEventCodec();

  @Test
  void aBatchIsReadBackEqualFromItsRecord() {
    ReportBatch batch = Batches.numbered(7);
    assertThat(reports.decode(reports.encode(batch))).isEqualTo(batch);
  }

  /**
   * The reason the record keeps the sensor's JSON: every node reads the very reports the receiving
   * node validated, where a re-encoding (radians back to degrees) would change some in the last
   * bit.
   */
  @Test
  void aBatchKeepsTheSensorsJsonSoEveryNodeReadsTheSameReports() {
    String json =
        Batches.numbered(1)
            .json()
            .replaceFirst("\"elevationDeg\":[^,]+", "\"elevationDeg\":-4.99718");
    ReportBatch batch = ReportBatch.parse(json);
    ReportBatch read = reports.decode(reports.encode(batch));
    assertThat(read).isEqualTo(batch);
    assertThat(elevationRad(read)).isEqualTo(Math.toRadians(-4.99718));
    assertThat(elevationRad(ReportBatch.of(batch.reports())))
        .as("a re-encoded batch")
        .isNotEqualTo(elevationRad(batch));
  }

  private static double elevationRad(ReportBatch batch) {
    return ((RadarPlot) batch.reports().get(0)).measurement().elevationRad();
  }

  @Test
  void whatIsNotAValidBatchIsRefusedNamingTheProblem() {
    assertThatThrownBy(() -> reports.decode(new byte[] {(byte) 0xC3, (byte) 0x28}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("UTF-8");
    assertThatThrownBy(() -> reports.decode("{}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reports");
    assertThatThrownBy(
            () ->
                reports.decode(
                    Batches.numbered(1)
                        .json()
                        .replace("\"rangeM\":812345.5", "\"rangeM\":-1")
                        .getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rangeM");
  }

  @Test
  void anAlertEventIsReadBackEqualAndGarbageIsRefused() {
    Instant t = Instant.parse("2024-11-21T02:03:00Z");
    AlertEvent event =
        new AlertEvent(
            "T1-2",
            t,
            "T1",
            MessageType.UPDATE,
            List.of(new AreaWarning("UA-1", AlertLevel.PREPARE, 0.25, t.plusSeconds(420))),
            "engine",
            Optional.of("T1-1"));
    assertThat(events.decode(events.encode(event))).isEqualTo(event);
    assertThatThrownBy(() -> events.decode("[1]".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
