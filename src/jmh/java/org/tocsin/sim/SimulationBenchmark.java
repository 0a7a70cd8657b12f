package org.tocsin.sim;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.tocsin.area.AreaSets;

/**
 * A whole {@code tocsin simulate} of each public scenario (read, truth, replay, report), timed
 * against the scenario's own span of simulated time, and the decision latencies it records.
 *
 * <p>Run: {@code ./mvnw -B -Pbench clean verify -DskipTests -Djmh.args="SimulationBenchmark"}. The
 * teardown prints each scenario's simulated span and the p50/p99/max decision latency of the last
 * run, for {@code BENCHMARKS.md}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(1)
public class SimulationBenchmark {

  @Param({"dnipro-2024-11-21", "black-sea-salvo", "kharkiv-srbm"})
  public String scenario;

  private Path file;
  private SimulationRun last;

  @Setup(Level.Trial)
  public void load() {
    file = Path.of("scenarios", scenario + ".yaml");
    AreaSets.bundled("ua-hromadas");
  }

  @Benchmark
  public SimulationRun simulate() throws IOException {
    last = SimulationRun.of(file, share -> {});
    return last;
  }

  @TearDown(Level.Trial)
  public void print() {
    var report = last.reportJson();
    var latency = report.get("decisionLatencyMs");
    System.out.printf(
        "%n%s: simulated span %.0f s; decision latency p50 %s ms, p99 %s ms, max %s ms%n",
        scenario,
        last.simulatedSpanS(),
        latency.get("p50").asText(),
        latency.get("p99").asText(),
        latency.get("max").asText());
  }
}
