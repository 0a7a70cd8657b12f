package org.tocsin.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same outcomes on scenarios the engine was not tuned on: a medium-range missile with three
 * vehicles against western Ukraine, warned on oblasts; a short-range missile seen by radar only,
 * with no launch report, warned on raions; and one that comes down at sea.
 */
class VariedScenarioOutcomesTest {

  private static ObjectNode report(String name) throws IOException {
    return SimulationRun.of(
            Path.of("src", "test", "resources", "scenarios-varied", name + ".yaml"), share -> {})
        .reportJson();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"mrbm-test", "radar-only"})
  void everyImpactIsShelteredInTimeAndPredictedWithinTwoKilometres(String name) throws IOException {
    ObjectNode report = report(name);
    for (JsonNode threat : report.get("threats")) {
      assertThat(threat.get("impactsMissed").asInt()).isZero();
      assertThat(threat.get("impactsWarned").asInt()).isPositive();
      double required = Math.min(300, threat.get("maxLeadTimeS").asDouble() - 20);
      assertThat(threat.get("leadTimeS").asDouble()).isGreaterThanOrEqualTo(required);
      assertThat(threat.get("finalImpactErrorKm").asDouble()).isLessThanOrEqualTo(2);
    }
  }

  @Test
  void aThreatComingDownAtSeaIsCancelledAndCountsAsOutsideTheAreas() throws IOException {
    ObjectNode report = report("sea-impact");
    JsonNode threat = report.get("threats").get(0);
    assertThat(threat.get("impactsOutsideAreas").asInt()).isEqualTo(1);
    assertThat(threat.get("impactsMissed").asInt()).isZero();
    assertThat(report.get("overWarningRatio").isNull()).isTrue();
    JsonNode alerts = report.get("alerts");
    assertThat(alerts.get(alerts.size() - 1).get("msgType").asText()).isEqualTo("Cancel");
  }
}
