package org.tocsin.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tocsin.flight.ThreatClass;
import org.tocsin.geo.GeoPoint;
import org.tocsin.track.LaunchDetection;
import org.tocsin.track.Observation;
import org.tocsin.track.RadarMeasurement;
import org.tocsin.track.RadarPlot;

class ReportJsonTest {

  private static final Instant T = Instant.parse("2024-11-21T02:01:00Z");

  @Test
  void writtenReportsReadBackEqual() {
    List<Observation> reports =
        List.of(
            new LaunchDetection(
                "ir-1",
                T,
                GeoPoint.of(48.58, 45.75),
                T.minusSeconds(60),
                273.5,
                5000,
                5,
                ThreatClass.IRBM),
            new RadarPlot(
                "radar-1",
                T,
                new GeoPoint(49.59, 34.55, 160),
                new RadarMeasurement(812_345.5, 1.234, 0.456),
                100,
                1e-3,
                1e-3));
    List<Observation> read = ReportJson.read(ReportJson.write(reports));
    assertThat(read.get(0)).isEqualTo(reports.get(0));
    RadarPlot plot = (RadarPlot) read.get(1);
    RadarPlot original = (RadarPlot) reports.get(1);
    assertThat(plot.measurement().azimuthRad())
        .isCloseTo(
            original.measurement().azimuthRad(), org.assertj.core.api.Assertions.within(1e-12));
    assertThat(plot.site()).isEqualTo(original.site());
    assertThat(plot.rangeSigmaM()).isEqualTo(100);
  }

  @Test
  void everyProblemIsNamedAndTheBatchIsRefusedWhole() {
    String json =
        "{\"reports\":[{\"type\":\"radar-plot\",\"sensorId\":\"r\",\"time\":\"yesterday\","
            + "\"site\":{\"lat\":91,\"lon\":34},\"rangeM\":-5,\"azimuthDeg\":10,\"elevationDeg\":5,"
            + "\"rangeSigmaM\":100,\"azimuthSigmaMrad\":1,\"elevationSigmaMrad\":1,\"colour\":1},"
            + "{\"type\":\"sonar\"},"
            + "{\"type\":\"launch-detection\",\"sensorId\":\"ir\",\"time\":\"2024-11-21T02:01:00Z\","
            + "\"launch\":{\"lat\":48,\"lon\":45,\"time\":\"2024-11-21T02:00:00Z\"},\"headingDeg\":270,"
            + "\"positionSigmaM\":5000,\"headingSigmaDeg\":5,\"class\":\"cruise\"}]}";
    InvalidReportException e =
        catchThrowableOfType(InvalidReportException.class, () -> ReportJson.read(json));
    assertThat(e.problems())
        .contains(
            "reports[0]: unknown field 'colour'",
            "reports[0].time: must be an ISO-8601 instant such as 2024-11-21T02:00:00Z, was"
                + " 'yesterday'",
            "reports[0].site.lat: must be within [-90, 90], was 91.0",
            "reports[0].rangeM: must be within [1, 10000000], was -5.0",
            "reports[1].type: must be launch-detection or radar-plot, was 'sonar'",
            "reports[2].class: class must be one of srbm, mrbm, irbm, icbm, was 'cruise'");
  }

  @Test
  void notJsonOrNotABatchIsRefused() {
    assertThatThrownBy(() -> ReportJson.read("{oops"))
        .isInstanceOf(InvalidReportException.class)
        .hasMessageStartingWith("body: must be JSON");
    assertThatThrownBy(() -> ReportJson.read("[]"))
        .hasMessage("body: must be an object {\"reports\": [...]}");
    assertThatThrownBy(() -> ReportJson.read("{\"reports\":[]}"))
        .hasMessage("reports: must not be empty");
  }
}
