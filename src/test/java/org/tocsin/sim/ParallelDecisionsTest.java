package org.tocsin.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.tocsin.area.AreaSet;
import org.tocsin.area.AreaSets;

/**
 * The footprints of one batch's threats may be predicted on several threads: the warnings must be
 * exactly those of the serial order, message for message.
 */
class ParallelDecisionsTest {

  @Test
  void aSalvoDecidedInParallelGivesExactlyTheSerialReport() throws Exception {
    AreaSet hromadas = AreaSets.bundled("ua-hromadas");
    Scenario salvo = SalvoScenarios.salvo(8, 3, hromadas);
    ObjectNode serial = SimulationRun.of(salvo, hromadas, Runnable::run, share -> {}).reportJson();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      ObjectNode parallel = SimulationRun.of(salvo, hromadas, pool, share -> {}).reportJson();
      // Wall-clock latencies differ, and every run issues CAP identifiers of a series of its own.
      for (ObjectNode report : List.of(serial, parallel)) {
        report.remove("decisionLatencyMs");
        report.get("alerts").forEach(alert -> ((ObjectNode) alert).remove("capIdentifier"));
      }
      assertThat(serial.get("alerts").size()).isGreaterThan(8);
      assertThat(parallel).isEqualTo(serial);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aGeneratedSalvoIsWarnedMissileByMissile() {
    AreaSet hromadas = AreaSets.bundled("ua-hromadas");
    Scenario salvo = SalvoScenarios.salvo(8, 3, hromadas);
    ObjectNode report = SimulationRun.of(salvo, hromadas, Runnable::run, share -> {}).reportJson();
    assertThat(report.get("threats")).hasSize(8);
    report
        .get("threats")
        .forEach(
            threat -> {
              assertThat(threat.get("impactsMissed").asInt()).as(threat.toString()).isZero();
              assertThat(threat.get("messages").asInt()).as(threat.toString()).isBetween(1, 40);
            });
  }
}
