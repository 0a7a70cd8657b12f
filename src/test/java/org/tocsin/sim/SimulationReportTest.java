package org.tocsin.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report keeps SCENARIOS.md's shape exactly and its figures agree with each other. */
class SimulationReportTest {

  private static final List<String> THREAT_FIELDS =
      List.of(
          "id",
          "launchTime",
          "impactTime",
          "firstDetectionTime",
          "firstAlertTime",
          "firstShelterTime",
          "prepareLeadTimeS",
          "leadTimeS",
          "maxLeadTimeS",
          "impactsWarned",
          "impactsMissed",
          "impactsOutsideAreas",
          "finalImpactErrorKm",
          "timeOfArrivalErrorS");

  private static final List<String> TOP_FIELDS =
      List.of(
          "scenario",
          "areas",
          "threats",
          "prepareAreaKm2",
          "shelterAreaKm2",
          "shelterAreaKm2AtImpact",
          "impactAreaKm2",
          "overWarningRatio",
          "alerts",
          "decisionLatencyMs");

  @Test
  void reportHasExactlyTheDocumentedFields() throws IOException {
    ObjectNode report = PublicScenarioOutcomesTest.report(TestScenarios.DNIPRO);
    assertThat(fieldNames(report)).containsExactlyElementsOf(TOP_FIELDS);
    for (JsonNode threat : report.get("threats")) {
      assertThat(fieldNames(threat)).containsExactlyElementsOf(THREAT_FIELDS);
    }
    for (JsonNode alert : report.get("alerts")) {
      assertThat(fieldNames(alert))
          .containsExactly("time", "msgType", "level", "threat", "areas", "capIdentifier");
      assertThat(alert.get("msgType").asText()).isIn("Alert", "Update", "Cancel");
      assertThat(alert.get("level").asText()).isIn("prepare", "shelter", "all-clear", "none");
    }
    assertThat(fieldNames(report.get("decisionLatencyMs"))).containsExactly("p50", "p99", "max");
  }

  @Test
  void figuresAreConsistent() throws IOException {
    ObjectNode report = PublicScenarioOutcomesTest.report(TestScenarios.DNIPRO);
    JsonNode threat = report.get("threats").get(0);
    assertThat(threat.get("id").asText()).isEqualTo("T1");
    assertThat(threat.get("launchTime").asText()).isEqualTo("2024-11-21T02:00:00Z");
    assertThat(threat.get("impactTime").asText()).isEqualTo("2024-11-21T02:15:00Z");
    assertThat(threat.get("firstDetectionTime").asText()).isEqualTo("2024-11-21T02:00:18Z");
    Instant impact = Instant.parse(threat.get("impactTime").asText());
    Instant detection = Instant.parse(threat.get("firstDetectionTime").asText());
    assertThat(threat.get("maxLeadTimeS").asDouble())
        .isEqualTo((impact.toEpochMilli() - detection.toEpochMilli()) / 1000.0);
    assertThat(threat.get("prepareLeadTimeS").asDouble())
        .isGreaterThanOrEqualTo(threat.get("leadTimeS").asDouble())
        .isLessThanOrEqualTo(threat.get("maxLeadTimeS").asDouble());
    assertThat(Instant.parse(threat.get("firstAlertTime").asText()))
        .isBeforeOrEqualTo(Instant.parse(threat.get("firstShelterTime").asText()));
    assertThat(threat.get("impactsWarned").asInt()).isEqualTo(6);
    assertThat(report.get("prepareAreaKm2").asDouble())
        .isGreaterThanOrEqualTo(report.get("shelterAreaKm2").asDouble());
    assertThat(report.get("shelterAreaKm2").asDouble())
        .isGreaterThanOrEqualTo(report.get("shelterAreaKm2AtImpact").asDouble())
        .isGreaterThanOrEqualTo(report.get("impactAreaKm2").asDouble());
    assertThat(report.get("overWarningRatio").asDouble())
        .isCloseTo(
            report.get("shelterAreaKm2").asDouble() / report.get("impactAreaKm2").asDouble(),
            org.assertj.core.api.Assertions.within(0.01));
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
