package org.tocsin.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.tocsin.bus.KafkaBroker;
import org.tocsin.sim.Scenario;
import org.tocsin.sim.ScenarioLoader;
import org.tocsin.sim.Sensor;

/**
 * Ingest to event-stream latency of a cluster on Kafka against a single node without Kafka, in one
 * run: each setup is {@code tocsin serve} processes (child JVMs with the same options, see {@link
 * NodeProcess}) on a PostgreSQL schema of its own; the cluster's on one KRaft broker (a child JVM).
 * Each setup gets the same two passes, at real time, with an event-stream client on every node
 * connected first:
 *
 * <ol>
 *   <li>a warm-up, not counted: the Kharkiv SRBM scenario from its second 115 (its launch at 120);
 *   <li>the measure: the Dnipro scenario from its second 295 (the launch at 300), {@code --window}
 *       seconds of it (by default 240: its first six alert events on ua-hromadas, the scenario's
 *       areas, which every setup serves); for every event a POST decided, the span from sending the
 *       POST to the event's arrival on each stream ({@link Measurement}).
 * </ol>
 *
 * <p>Setups: {@code single} (one node without Kafka), {@code cluster-N} (N nodes on Kafka; with
 * three, the reports go to a node that does not run the engine and the headline stream is the
 * third's). Bounded: only 127.0.0.1, and after {@code --deadline-minutes} it stops every child and
 * exits, whatever happens.
 *
 * <p>Run: {@code ./mvnw -B -Pbench test-compile exec:exec -Dexec.executable=java
 * -Dexec.classpathScope=test -Dexec.args="-cp %classpath org.tocsin.cluster.ClusterLatencyDriver
 * --window 240 single cluster-1 cluster-3"}.
 */
public final class ClusterLatencyDriver {

  private static final long WARM_UP_FROM_S = 115;
  private static final long MEASURE_FROM_S = 295;

  /** A POST answered slower than this is named, with its batch's second. */
  private static final double SLOW_ANSWER_MS = 250;

  /** After a pass, for events still on their way. */
  private static final Duration SETTLE = Duration.ofSeconds(3);

  private ClusterLatencyDriver() {}

  public static void main(String[] args) throws Exception {
    Duration window = Duration.ofSeconds(240);
    Duration warmUp = Duration.ofSeconds(45);
    Duration limit = Duration.ofMinutes(30);
    List<String> setups = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--window" -> window = Duration.ofSeconds(Long.parseLong(args[++i]));
        case "--warm-up" -> warmUp = Duration.ofSeconds(Long.parseLong(args[++i]));
        case "--deadline-minutes" -> limit = Duration.ofMinutes(Long.parseLong(args[++i]));
        default -> {
          nodeCount(args[i]); // fails fast on a setup it does not know
          setups.add(args[i]);
        }
      }
    }
    if (setups.isEmpty()) {
      setups = List.of("single", "cluster-1");
    }
    Instant deadline = Instant.now().plus(limit);
    Children children = new Children();
    Runtime.getRuntime().addShutdownHook(new Thread(children::closeAll, "children-killer"));
    startWatchdog(deadline);

    Scenario warmUpScenario = ScenarioLoader.load(Path.of("scenarios", "kharkiv-srbm.yaml"));
    Scenario measured = ScenarioLoader.load(Path.of("scenarios", "dnipro-2024-11-21.yaml"));
    Set<String> sensors = new TreeSet<>();
    warmUpScenario.sensors().stream().map(Sensor::id).forEach(sensors::add);
    measured.sensors().stream().map(Sensor::id).forEach(sensors::add);
    Path dir = Files.createTempDirectory("tocsin-cluster-latency");

    KafkaBroker broker = null;
    if (setups.stream().anyMatch(s -> nodeCount(s) > 0)) {
      broker = KafkaBroker.startTemporary();
      children.add(broker);
      System.out.printf("broker on %s%n", broker.bootstrapServers());
    }
    List<Measurement> results = new ArrayList<>();
    for (String setup : setups) {
      int nodes = nodeCount(setup);
      NodeSet set =
          NodeSet.start(setup, nodes, nodes == 0 ? null : broker, sensors, measured.areas(), dir);
      children.add(set);
      results.add(measure(set, warmUpScenario, warmUp, measured, window, deadline));
      children.close(set);
    }
    report(results, window, warmUp);
    children.closeAll();
    System.exit(0);
  }

  /** 0 for {@code single}, N for {@code cluster-N}. */
  private static int nodeCount(String setup) {
    if (setup.equals("single")) {
      return 0;
    }
    if (setup.matches("cluster-[1-9]")) {
      return Integer.parseInt(setup.substring("cluster-".length()));
    }
    throw new IllegalArgumentException(
        "setup: must be single or cluster-N (N within [1, 9]), was " + setup);
  }

  private static Measurement measure(
      NodeSet set,
      Scenario warmUpScenario,
      Duration warmUp,
      Scenario measured,
      Duration window,
      Instant deadline)
      throws Exception {
    List<StreamTimer> streams = new ArrayList<>();
    try {
      for (NodeProcess node : set.nodes()) {
        streams.add(new StreamTimer(node.name, node.url()));
      }
      long connectDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (streams.stream().anyMatch(s -> !s.connected())
          && System.nanoTime() < connectDeadline) {
        Thread.sleep(100);
      }
      for (StreamTimer stream : streams) {
        if (!stream.connected()) {
          throw new IllegalStateException(stream.node() + "'s stream: " + stream.failure());
        }
      }
      PacedPoster poster = new PacedPoster(set.poster().url(), set.keyBySensor());
      System.out.printf("%s: warm-up, %d s of %s%n", set.name(), warmUp.toSeconds(), "kharkiv");
      poster.run(warmUpScenario, WARM_UP_FROM_S, warmUp, deadline);
      Thread.sleep(SETTLE.toMillis());
      String loadBefore = loadAverage();
      System.out.printf(
          "%s: measuring, %d s of dnipro from its second %d (load %s)%n",
          set.name(), window.toSeconds(), MEASURE_FROM_S, loadBefore);
      List<PacedPoster.Posted> posted = poster.run(measured, MEASURE_FROM_S, window, deadline);
      Thread.sleep(SETTLE.toMillis());
      String load = loadBefore + " → " + loadAverage();
      if (!set.alive()) {
        throw new IllegalStateException(set.name() + ": a node died; see its log in its home");
      }
      Measurement measurement = Measurement.of(set, posted, streams, load);
      System.out.printf(
          "%s (%s): %d POSTs, round trip %s; load %s%n",
          set.name(),
          measurement.roles(),
          measurement.roundTrips().count(),
          measurement.roundTrips().cell(),
          load);
      measurement
          .byNode()
          .forEach(
              (node, spread) ->
                  System.out.printf(
                      "  stream on %s: %d events, POST sent to event received %s%n",
                      node, spread.count(), spread.cell()));
      posted.stream()
          .filter(p -> p.roundTripMs() > SLOW_ANSWER_MS)
          .forEach(
              p ->
                  System.out.printf(
                      Locale.ROOT,
                      "  slow answer: the batch of second %d, %.0f ms%n",
                      p.scenarioS(),
                      p.roundTripMs()));
      System.out.printf(
          "  on %s, from the event's time to its arrival: %s%n",
          measurement.headline(), measurement.afterDecision().cell());
      System.out.printf(
          "  on %s, by the deciding batch's second in the scenario, its last event (ms): %s%n",
          measurement.headline(), measurement.eachEvent());
      System.out.printf(
          "  %d events by ticks during the pass; %s%n",
          measurement.byTicks(), measurement.checked());
      return measurement;
    } finally {
      for (StreamTimer stream : streams) {
        stream.close();
      }
    }
  }

  private static void report(List<Measurement> results, Duration window, Duration warmUp) {
    System.out.printf(
        "%n%d s of Dnipro at real time after a %d s warm-up (Kharkiv), per setup:%n%n",
        window.toSeconds(), warmUp.toSeconds());
    System.out.println(
        "| setup | roles | POST round trip, p50 / p99 / max | POST sent to SSE event received,"
            + " p50 / p99 / max | of which after the event's time | events | ratio to single"
            + " (p50 / p99 / max) | load (1 min) |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    Measurement single =
        results.stream().filter(m -> m.setup().equals("single")).findFirst().orElse(null);
    for (Measurement m : results) {
      System.out.printf(
          Locale.ROOT,
          "| %s | %s | %s | %s | %s | %d | %s | %s |%n",
          m.setup(),
          m.roles(),
          m.roundTrips().cell(),
          m.latency().cell(),
          m.afterDecision().cell(),
          m.latency().count(),
          single == null || m == single ? "" : m.latency().ratioTo(single.latency()),
          m.load());
    }
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "?";
    }
  }

  private static void startWatchdog(Instant deadline) {
    Thread watchdog =
        new Thread(
            () -> {
              try {
                Thread.sleep(Math.max(0, Duration.between(Instant.now(), deadline).toMillis()));
              } catch (InterruptedException e) {
                return;
              }
              System.err.println("deadline reached: stopping every child and exiting");
              System.exit(3);
            },
            "deadline");
    watchdog.setDaemon(true);
    watchdog.start();
  }

  /** The children to stop at the end, or at exit whatever ends it. */
  private static final class Children {
    private final List<AutoCloseable> open = new ArrayList<>();

    synchronized void add(AutoCloseable child) {
      open.add(child);
    }

    /** Closes {@code child} now, once. */
    void close(AutoCloseable child) throws Exception {
      synchronized (this) {
        if (!open.remove(child)) {
          return;
        }
      }
      child.close();
    }

    void closeAll() {
      List<AutoCloseable> left;
      synchronized (this) {
        left = new ArrayList<>(open);
        open.clear();
      }
      for (int i = left.size() - 1; i >= 0; i--) {
        try {
          left.get(i).close();
        } catch (Exception e) { // NOPMD: the others must be stopped too
          System.err.println("while stopping: " + e);
        }
      }
    }
  }
}
