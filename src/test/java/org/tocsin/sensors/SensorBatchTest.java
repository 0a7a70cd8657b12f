package org.tocsin.sensors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.tocsin.ingest.ReportJson;
import org.tocsin.sim.Scenario;
import org.tocsin.sim.ScenarioLoader;
import org.tocsin.sim.ScenarioReports;
import org.tocsin.track.Observation;

class SensorBatchTest {

  @Test
  void everyReportOfASalvoIsPostedOnceByItsOwnSensorInArrivalOrder() throws Exception {
    Scenario salvo = ScenarioLoader.load(Path.of("scenarios", "black-sea-salvo.yaml"));
    ScenarioReports reports = ScenarioReports.at(salvo, salvo.start());

    List<SensorBatch> batches = SensorBatch.of(reports);

    assertThat(batches.stream().flatMap(batch -> batch.reports().stream()).toList())
        .containsExactlyElementsOf(
            reports.batches().values().stream().flatMap(List::stream).toList());
    assertThat(batches).isSortedAccordingTo(Comparator.comparing(SensorBatch::time));
    assertThat(batches.stream().map(SensorBatch::sensorId).distinct())
        .containsExactlyInAnyOrder("ir-1", "radar-mykolaiv", "radar-zaporizhzhia");
    assertThat(batches)
        .allSatisfy(
            batch ->
                assertThat(batch.reports())
                    .allMatch(r -> r.sensorId().equals(batch.sensorId()))
                    .allMatch(r -> r.time().equals(batch.time())));
  }

  @Test
  void aSensorsReportsBeyondOneRequestAreSplitIntoRequestsOfAThousand() throws Exception {
    Scenario dnipro = ScenarioLoader.load(Path.of("scenarios", "dnipro-2024-11-21.yaml"));
    Instant at = dnipro.start();
    List<Observation> plots =
        ScenarioReports.at(dnipro, at).batches().values().stream()
            .flatMap(List::stream)
            .filter(report -> report.sensorId().equals("radar-poltava"))
            .map(report -> report.shiftedBy(Duration.between(report.time(), at)))
            .toList();
    NavigableMap<Instant, List<Observation>> oneScan = new TreeMap<>();
    oneScan.put(at, plots);

    List<SensorBatch> batches = SensorBatch.of(new ScenarioReports(at, oneScan, at));

    assertThat(plots).hasSizeGreaterThan(ReportJson.MAX_BATCH);
    assertThat(batches).hasSize((plots.size() + ReportJson.MAX_BATCH - 1) / ReportJson.MAX_BATCH);
    assertThat(batches.get(0).reports()).hasSize(ReportJson.MAX_BATCH);
    assertThat(batches.stream().flatMap(b -> b.reports().stream()).toList())
        .containsExactlyElementsOf(plots);
  }
}
