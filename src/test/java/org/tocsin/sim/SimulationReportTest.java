package org.tocsin.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tocsin.alert.AlertEvent;
import org.tocsin.alert.AlertLevel;
import org.tocsin.alert.AreaWarning;
import org.tocsin.alert.MessageType;
import org.tocsin.area.Area;
import org.tocsin.area.AreaSet;
import org.tocsin.area.AreaSets;
import org.tocsin.geo.GeoPoint;
import org.tocsin.geo.Geodesics;
import org.tocsin.predict.Footprint;

/** The report keeps docs/SCENARIOS.md's shape exactly and its figures agree with each other. */
class SimulationReportTest {

  @Test
  void reportHasExactlyTheFieldsOfTheDocumentedExample() throws IOException {
    JsonNode documented = new ObjectMapper().readTree(TestScenarios.documentedBlock("json"));
    ObjectNode report = PublicScenarioOutcomesTest.report(TestScenarios.DNIPRO);

    assertThat(fieldNames(report)).containsExactlyElementsOf(fieldNames(documented));
    for (JsonNode threat : report.get("threats")) {
      assertThat(fieldNames(threat))
          .containsExactlyElementsOf(fieldNames(documented.get("threats").get(0)));
    }
    for (JsonNode alert : report.get("alerts")) {
      assertThat(fieldNames(alert))
          .containsExactlyElementsOf(fieldNames(documented.get("alerts").get(0)));
      assertThat(alert.get("msgType").asText()).isIn("Alert", "Update", "Cancel");
      assertThat(alert.get("level").asText()).isIn("prepare", "shelter", "all-clear", "none");
    }
    assertThat(fieldNames(report.get("decisionLatencyMs")))
        .containsExactlyElementsOf(fieldNames(documented.get("decisionLatencyMs")));
  }

  /**
   * A run small enough to work out by hand: one vehicle, three areas, four alert events at set
   * times before and after its impact T, three predictions, ten latencies. Every expected figure
   * below follows from the definitions in docs/SCENARIOS.md, written out, not from the report's
   * code.
   */
  @Test
  void figuresOfATinyRunAreTheOnesWorkedOutByHand() {
    Scenario scenario = ScenarioLoader.parse(TestScenarios.MINIMAL, "tiny.yaml");
    ScenarioTruth truth = ScenarioTruth.of(scenario);
    Instant impact = truth.vehicles().get(0).impactTime();
    AreaSet areas = AreaSets.bundled("ua-hromadas");
    Area hit = areas.containing(GeoPoint.of(48.44, 35.01)).orElseThrow();
    Area kyiv = areas.containing(GeoPoint.of(50.45, 30.52)).orElseThrow();
    Area kharkiv = areas.containing(GeoPoint.of(49.99, 36.23)).orElseThrow();
    assertThat(hit.id()).isEqualTo("UA1202001");

    // T-600 s prepare for the hit area and Kyiv; T-400 s the hit area and Kharkiv shelter; T-100 s
    // Kharkiv released; T+120 s all-clear.
    List<AlertEvent> events =
        List.of(
            event("e1", impact.minusSeconds(600), MessageType.ALERT, prepare(hit), prepare(kyiv)),
            event(
                "e2",
                impact.minusSeconds(400),
                MessageType.UPDATE,
                shelter(hit),
                prepare(kyiv),
                shelter(kharkiv)),
            event("e3", impact.minusSeconds(100), MessageType.UPDATE, shelter(hit), prepare(kyiv)),
            event(
                "e4", impact.plusSeconds(120), MessageType.ALL_CLEAR, prepare(hit), prepare(kyiv)));
    GeoPoint reported = GeoPoint.of(48.44, 35.01);
    List<Prediction> predictions =
        List.of(
            prediction(impact.minusSeconds(300), north(reported, 5_000), impact.plusSeconds(9)),
            prediction(impact.minusSeconds(50), north(reported, 1_200), impact.plusMillis(1_500)),
            // After the impact: not "the last prediction before impact".
            prediction(impact.plusSeconds(5), north(reported, 40_000), impact.plusSeconds(60)));
    Instant firstReport = Instant.parse("2024-11-21T02:00:18Z");
    double[] latenciesMs = {7, 3, 10, 1, 5, 9, 2, 8, 4, 6};
    SimulationResult result =
        new SimulationResult(
            scenario,
            truth,
            areas,
            events,
            predictions,
            Map.of("T1", firstReport),
            latenciesMs,
            1_200);

    ObjectNode report =
        new SimulationReport(result, org.tocsin.cap.CapIssuer.fresh("tocsin@localhost")).toJson();

    JsonNode threat = report.get("threats").get(0);
    assertThat(Instant.parse(threat.get("impactTime").asText()))
        .isCloseTo(impact, within(1, ChronoUnit.MILLIS));
    assertThat(threat.get("firstDetectionTime").asText()).isEqualTo("2024-11-21T02:00:18Z");
    // Times are written to the millisecond.
    assertThat(Instant.parse(threat.get("firstAlertTime").asText()))
        .isCloseTo(impact.minusSeconds(600), within(1, ChronoUnit.MILLIS));
    assertThat(Instant.parse(threat.get("firstShelterTime").asText()))
        .isCloseTo(impact.minusSeconds(400), within(1, ChronoUnit.MILLIS));
    assertThat(threat.get("prepareLeadTimeS").asDouble()).isEqualTo(600.0);
    assertThat(threat.get("leadTimeS").asDouble()).isEqualTo(400.0);
    double impactAfterFirstReportS = (impact.toEpochMilli() - firstReport.toEpochMilli()) / 1000.0;
    assertThat(threat.get("maxLeadTimeS").asDouble())
        .isCloseTo(impactAfterFirstReportS, within(0.05));
    assertThat(threat.get("impactsWarned").asInt()).isEqualTo(1);
    assertThat(threat.get("impactsMissed").asInt()).isZero();
    assertThat(threat.get("impactsOutsideAreas").asInt()).isZero();
    assertThat(threat.get("finalImpactErrorKm").asDouble()).isEqualTo(1.2);
    assertThat(threat.get("timeOfArrivalErrorS").asDouble()).isEqualTo(1.5);

    // Under alert ever: all three; under shelter ever: the hit area and Kharkiv; under shelter
    // at the impact: the hit area only (Kharkiv was released at T-100 s).
    double all = hit.areaKm2() + kyiv.areaKm2() + kharkiv.areaKm2();
    double sheltered = hit.areaKm2() + kharkiv.areaKm2();
    assertThat(report.get("prepareAreaKm2").asDouble()).isCloseTo(all, within(0.05));
    assertThat(report.get("shelterAreaKm2").asDouble()).isCloseTo(sheltered, within(0.05));
    assertThat(report.get("shelterAreaKm2AtImpact").asDouble())
        .isCloseTo(hit.areaKm2(), within(0.05));
    assertThat(report.get("impactAreaKm2").asDouble()).isCloseTo(hit.areaKm2(), within(0.05));
    assertThat(report.get("overWarningRatio").asDouble())
        .isCloseTo(sheltered / hit.areaKm2(), within(0.005));

    List<String> entries = new ArrayList<>();
    for (JsonNode alert : report.get("alerts")) {
      entries.add(
          alert.get("msgType").asText()
              + " "
              + alert.get("level").asText()
              + " "
              + alert.get("areas").size());
    }
    assertThat(entries)
        .containsExactly(
            "Alert prepare 2",
            "Update shelter 2",
            "Update prepare 1",
            "Update shelter 1",
            "Update prepare 1",
            "Update all-clear 2");

    // Nearest rank of 1..10 ms: the 5th for p50, the 10th for p99.
    JsonNode latency = report.get("decisionLatencyMs");
    assertThat(latency.get("p50").asDouble()).isEqualTo(5.0);
    assertThat(latency.get("p99").asDouble()).isEqualTo(10.0);
    assertThat(latency.get("max").asDouble()).isEqualTo(10.0);
  }

  @Test
  void theDniproReplaysFiguresAreInOrder() throws IOException {
    ObjectNode report = PublicScenarioOutcomesTest.report(TestScenarios.DNIPRO);
    JsonNode threat = report.get("threats").get(0);
    assertThat(threat.get("id").asText()).isEqualTo("T1");
    assertThat(threat.get("launchTime").asText()).isEqualTo("2024-11-21T02:00:00Z");
    assertThat(threat.get("impactTime").asText()).isEqualTo("2024-11-21T02:15:00Z");
    assertThat(threat.get("firstDetectionTime").asText()).isEqualTo("2024-11-21T02:00:18Z");
    // From 02:00:18 to 02:15:00.
    assertThat(threat.get("maxLeadTimeS").asDouble()).isEqualTo(882.0);
    assertThat(threat.get("prepareLeadTimeS").asDouble())
        .isGreaterThanOrEqualTo(threat.get("leadTimeS").asDouble())
        .isLessThanOrEqualTo(threat.get("maxLeadTimeS").asDouble());
    assertThat(Instant.parse(threat.get("firstAlertTime").asText()))
        .isBeforeOrEqualTo(Instant.parse(threat.get("firstShelterTime").asText()));
    assertThat(threat.get("impactsWarned").asInt()).isEqualTo(6);
    JsonNode alerts = report.get("alerts");
    assertThat(alerts.get(0).get("msgType").asText()).isEqualTo("Alert");
    assertThat(alerts.get(alerts.size() - 1).get("level").asText()).isEqualTo("all-clear");
    Instant previous = Instant.MIN;
    for (JsonNode alert : alerts) {
      Instant time = Instant.parse(alert.get("time").asText());
      assertThat(time).isAfterOrEqualTo(previous);
      previous = time;
    }
  }

  private static AlertEvent event(String id, Instant time, MessageType type, AreaWarning... areas) {
    return new AlertEvent(id, time, "T1", type, List.of(areas), "test", Optional.empty());
  }

  private static AreaWarning prepare(Area area) {
    return new AreaWarning(area.id(), AlertLevel.PREPARE, 0.5, Instant.EPOCH);
  }

  private static AreaWarning shelter(Area area) {
    return new AreaWarning(area.id(), AlertLevel.SHELTER, 0.9, Instant.EPOCH);
  }

  private static Prediction prediction(Instant time, GeoPoint meanImpact, Instant meanArrival) {
    return new Prediction(time, "T1", Footprint.Kind.TRACK, meanImpact, 500, meanArrival);
  }

  private static GeoPoint north(GeoPoint point, double distanceM) {
    return Geodesics.WGS84.direct(point, 0, distanceM);
  }

  @Test
  void sameSeedGivesTheSameReportButForWallClockLatencyAndNewCapIdentifiers() throws IOException {
    ObjectNode first =
        SimulationRun.of(TestScenarios.copy(TestScenarios.KHARKIV), s -> {}).reportJson();
    ObjectNode second =
        SimulationRun.of(TestScenarios.copy(TestScenarios.KHARKIV), s -> {}).reportJson();
    List<String> firstIdentifiers = first.get("alerts").findValuesAsText("capIdentifier");
    List<String> secondIdentifiers = second.get("alerts").findValuesAsText("capIdentifier");
    assertThat(firstIdentifiers).isNotEmpty().doesNotContainAnyElementsOf(secondIdentifiers);

    for (ObjectNode report : List.of(first, second)) {
      report.remove("decisionLatencyMs");
      report.get("alerts").forEach(alert -> ((ObjectNode) alert).remove("capIdentifier"));
    }
    assertThat(second).isEqualTo(first);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
