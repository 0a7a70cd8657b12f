package org.tocsin.sim;

import java.lang.management.ManagementFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
import org.tocsin.area.AreaSet;
import org.tocsin.area.AreaSets;

/**
 * A whole simulation of a generated salvo of short-range missiles over the hromadas ({@link
 * SalvoScenarios}): wall time per run, and at the end of each trial the decision latencies the run
 * recorded and its simulated seconds per wall second. The footprints of one batch's threats are
 * predicted on a pool of as many threads as the machine has cores (the {@code serial} parameter
 * runs them on the calling thread instead, for the comparison).
 *
 * <p>Run: {@code ./mvnw -B -Pbench clean verify -DskipTests -Djmh.args="SalvoBenchmark -wi 1 -i 2
 * -jvmArgs -Xmx1g"}. Each iteration is one whole simulation, so the heap limit checks that a salvo
 * of 96 runs in under 1 GiB.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(1)
public class SalvoBenchmark {

  @Param({"12", "24", "48", "96"})
  public int missiles;

  @Param({"parallel"})
  public String executor;

  private AreaSet hromadas;
  private Scenario scenario;
  private ExecutorService pool;
  private SimulationRun last;
  private long wallNs;
  private long cpuNs;

  @Setup(Level.Trial)
  public void generate() {
    hromadas = AreaSets.bundled("ua-hromadas");
    scenario = SalvoScenarios.salvo(missiles, 1, hromadas);
    pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
  }

  @Benchmark
  public SimulationRun simulate() {
    long started = System.nanoTime();
    long cpuStarted = processCpuNs();
    last =
        SimulationRun.of(
            scenario, hromadas, executor.equals("serial") ? Runnable::run : pool, share -> {});
    wallNs = System.nanoTime() - started;
    cpuNs = processCpuNs() - cpuStarted;
    return last;
  }

  /**
   * CPU time of the whole JVM (ns): the cost of a simulation whatever else the machine runs, as
   * wall-clock latency on a shared machine is not.
   */
  private static long processCpuNs() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  @TearDown(Level.Trial)
  public void print() {
    pool.shutdownNow();
    var latency = last.reportJson().get("decisionLatencyMs");
    Runtime runtime = Runtime.getRuntime();
    System.out.printf(
        "%n%d missiles (%s): simulated %.0f s in %.2f s wall (%.2f s of CPU), %.0f simulated s"
            + " per wall s; decision latency p50 %s ms, p99 %s ms, max %s ms; heap used %d MiB of"
            + " %d MiB%n",
        missiles,
        executor,
        last.simulatedSpanS(),
        wallNs / 1e9,
        cpuNs / 1e9,
        last.simulatedSpanS() / (wallNs / 1e9),
        latency.get("p50").asText(),
        latency.get("p99").asText(),
        latency.get("max").asText(),
        (runtime.totalMemory() - runtime.freeMemory()) >> 20,
        runtime.maxMemory() >> 20);
  }
}
