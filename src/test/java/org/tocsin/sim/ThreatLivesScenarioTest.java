package org.tocsin.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tocsin.flight.FlightTimes;
import org.tocsin.flight.ThreatClass;

/**
 * Issue 9's outcomes over a threat's whole life, on the public scenarios and on the scenarios
 * written for it: every threat ends with an all-clear or a Cancel, sends few messages, and each
 * missile is warned as its own threat however many came from the same site before it.
 */
class ThreatLivesScenarioTest {

  static final String LAUNCH_ONLY = "launch-only-belarus";
  static final String SAME_RANGE = "same-range-23-minutes";
  static final String SAME_HEADING = "same-heading-60-seconds";

  /** Every alert row of the report, grouped by threat, in order. */
  private static Map<String, List<JsonNode>> rowsByThreat(ObjectNode report) {
    Map<String, List<JsonNode>> rows = new LinkedHashMap<>();
    for (JsonNode row : report.get("alerts")) {
      rows.computeIfAbsent(row.get("threat").asText(), id -> new ArrayList<>()).add(row);
    }
    return rows;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        TestScenarios.DNIPRO,
        TestScenarios.KHARKIV,
        TestScenarios.BLACK_SEA,
        LAUNCH_ONLY,
        SAME_RANGE,
        SAME_HEADING
      })
  void everyThreatEndsWithAnAllClearOrACancelAndSendsAtMostFortyMessages(String name)
      throws IOException {
    ObjectNode report = PublicScenarioOutcomesTest.report(name);
    Map<String, List<JsonNode>> rows = rowsByThreat(report);
    assertThat(rows).isNotEmpty();
    for (Map.Entry<String, List<JsonNode>> threat : rows.entrySet()) {
      JsonNode last = threat.getValue().get(threat.getValue().size() - 1);
      assertThat(
              last.get("level").asText().equals("all-clear")
                  || last.get("msgType").asText().equals("Cancel"))
          .as("%s's last message: %s", threat.getKey(), last)
          .isTrue();
    }
    for (JsonNode threat : report.get("threats")) {
      assertThat(threat.get("messages").asInt())
          .as(threat.get("id").asText())
          .isPositive()
          .isLessThanOrEqualTo(40);
    }
  }

  @Test
  void theDniproReplaySendsAtMostTwentyFiveMessages() throws IOException {
    JsonNode threat = PublicScenarioOutcomesTest.report(TestScenarios.DNIPRO).get("threats").get(0);
    assertThat(threat.get("messages").asInt()).isLessThanOrEqualTo(25);
  }

  @Test
  void aThreatNoRadarSeesEndsWithAnAllClearAfterItsCorridorsLatestArrival() throws IOException {
    ObjectNode report = PublicScenarioOutcomesTest.report(LAUNCH_ONLY);
    Scenario scenario = TestScenarios.load(LAUNCH_ONLY);
    Threat threat = scenario.threats().get(0);
    assertThat(threat.threatClass()).isEqualTo(ThreatClass.SRBM);
    // The corridor's latest arrival: a lofted flight (1.5 times the minimum-energy time) to the
    // class's longest range, counted from the launch.
    double latestFlightS =
        1.5 * FlightTimes.minimumEnergyFlightTimeS(ThreatClass.SRBM.maxRangeKm() * 1000);
    Instant allClearDue =
        threat
            .launchTime()
            .plusMillis(Math.round(latestFlightS * 1000))
            .plus(scenario.policy().allClearAfter());
    List<JsonNode> rows = rowsByThreat(report).get(threat.id());
    assertThat(rows).isNotNull();
    assertThat(rows.get(0).get("msgType").asText()).isEqualTo("Alert");
    JsonNode last = rows.get(rows.size() - 1);
    assertThat(last.get("level").asText()).isEqualTo("all-clear");
    Instant allClearAt = Instant.parse(last.get("time").asText());
    assertThat(allClearAt).isAfterOrEqualTo(allClearDue).isBefore(allClearDue.plusSeconds(5));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {SAME_RANGE, SAME_HEADING})
  void missilesFromOneSiteAreEachWarnedAsTheirOwnThreat(String name) throws IOException {
    ObjectNode report = PublicScenarioOutcomesTest.report(name);
    Scenario scenario = TestScenarios.load(name);
    double shelterLeadS = scenario.policy().shelterLead().toSeconds();
    assertThat(report.get("threats")).hasSize(scenario.threats().size());
    for (JsonNode threat : report.get("threats")) {
      String id = threat.get("id").asText();
      assertThat(threat.get("impactsMissed").asInt()).as(id).isZero();
      assertThat(threat.get("impactsWarned").asInt()).as(id).isPositive();
      double required = Math.min(shelterLeadS, threat.get("maxLeadTimeS").asDouble() - 20);
      assertThat(threat.get("leadTimeS").asDouble()).as(id).isGreaterThanOrEqualTo(required);
      assertThat(threat.get("finalImpactErrorKm").asDouble()).as(id).isLessThanOrEqualTo(2);
    }
    // Each threat's warnings went out under its own id: one Alert per scenario threat.
    Map<String, List<JsonNode>> rows = rowsByThreat(report);
    assertThat(rows.keySet())
        .containsExactlyInAnyOrderElementsOf(scenario.threats().stream().map(Threat::id).toList());
  }
}
