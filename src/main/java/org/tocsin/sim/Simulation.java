package org.tocsin.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.function.DoubleConsumer;
import org.tocsin.alert.AlertEvent;
import org.tocsin.alert.Policy;
import org.tocsin.alert.WarningPipeline;
import org.tocsin.area.AreaSet;
import org.tocsin.geo.Ellipsoid;
import org.tocsin.predict.Footprint;
import org.tocsin.track.LaunchDetection;
import org.tocsin.track.Observation;
import org.tocsin.track.TrackedThreat;

/**
 * Replays a scenario through the same pipeline the server runs (track, predict, decide) on the
 * simulated clock: reports are fed in arrival order, batch by batch, and time-driven decisions
 * (shelter deadlines, all-clears) are ticked every simulated second in between.
 *
 * <p>Only {@link Observation}s cross into the pipeline. The truth is used afterwards, to give the
 * engine's threats their scenario ids (by the launch report that opened each, or for a threat seen
 * by radar alone, by the true vehicle nearest its track) and for the report's figures.
 */
final class Simulation {

  private static final Duration TICK = Duration.ofSeconds(1);
  private static final Duration AFTER_LAST_IMPACT = Duration.ofSeconds(60);

  /**
   * The replay goes on after the last impact until every threat has ended (a corridor that no radar
   * confirmed ends only after the class's latest arrival), at most this much longer.
   */
  private static final Duration MAX_OVERTIME = Duration.ofHours(2);

  private Simulation() {}

  static SimulationResult run(
      Scenario scenario,
      ScenarioTruth truth,
      AreaSet areas,
      Executor executor,
      DoubleConsumer progress) {
    List<SyntheticSensors.Report> reports = SyntheticSensors.observeWithTruth(scenario, truth);
    Map<LaunchDetection, String> launchOwners = launchOwners(scenario, reports);
    Map<String, Instant> firstReports = firstReports(scenario, reports, launchOwners);
    TreeMap<Instant, List<Observation>> batches =
        Observation.byArrival(reports.stream().map(SyntheticSensors.Report::observation).toList());

    Policy policy = scenario.policy();
    WarningPipeline pipeline = new WarningPipeline(policy, areas, executor);
    Map<String, String> scenarioIds = new HashMap<>();
    List<AlertEvent> events = new ArrayList<>();
    List<Prediction> predictions = new ArrayList<>();
    List<Double> latencies = new ArrayList<>();

    Instant start = scenario.start();
    Instant lastImpact =
        truth.vehicles().stream()
            .map(VehicleTruth::impactTime)
            .max(Instant::compareTo)
            .orElse(start);
    Instant end = lastImpact.plus(policy.allClearAfter()).plus(AFTER_LAST_IMPACT);
    double spanS = Duration.between(start, end).toMillis() / 1000.0;
    Instant nextTick = start.plus(TICK);
    for (Map.Entry<Instant, List<Observation>> batch : batches.entrySet()) {
      Instant now = batch.getKey();
      while (nextTick.isBefore(now)) {
        pipeline.tick(nextTick).forEach(event -> events.add(rename(event, scenarioIds)));
        nextTick = nextTick.plus(TICK);
      }
      long startedNs = System.nanoTime();
      WarningPipeline.Outcome outcome = pipeline.process(batch.getValue(), now);
      for (Footprint footprint : outcome.footprints()) {
        String threatId = footprint.threatId();
        String scenarioId =
            scenarioIds.computeIfAbsent(
                threatId, id -> scenarioId(pipeline.threat(id).orElseThrow(), launchOwners, truth));
        predictions.add(
            new Prediction(
                now,
                scenarioId,
                footprint.kind(),
                footprint.meanImpact(),
                footprint.ellipse().semiMajorM(),
                footprint.meanArrival()));
      }
      outcome.events().forEach(event -> events.add(rename(event, scenarioIds)));
      double latencyMs = (System.nanoTime() - startedNs) / 1e6;
      for (int i = 0; i < batch.getValue().size(); i++) {
        latencies.add(latencyMs);
      }
      progress.accept(Duration.between(start, now).toMillis() / 1000.0 / spanS);
    }
    Instant overtime = end.plus(MAX_OVERTIME);
    while (!nextTick.isAfter(end) || (nextTick.isBefore(overtime) && pipeline.anyToEnd())) {
      pipeline.tick(nextTick).forEach(event -> events.add(rename(event, scenarioIds)));
      nextTick = nextTick.plus(TICK);
    }
    spanS = Math.max(spanS, Duration.between(start, nextTick.minus(TICK)).toMillis() / 1000.0);
    progress.accept(1);
    return new SimulationResult(
        scenario,
        truth,
        areas,
        events,
        predictions,
        firstReports,
        latencies.stream().mapToDouble(Double::doubleValue).toArray(),
        spanS);
  }

  private static AlertEvent rename(AlertEvent event, Map<String, String> scenarioIds) {
    String id = scenarioIds.getOrDefault(event.threatId(), event.threatId());
    return new AlertEvent(
        event.id(),
        event.time(),
        id,
        event.type(),
        event.areas(),
        event.reason(),
        event.references());
  }

  /** Which scenario threat each launch report came from (same launch time, nearest point). */
  private static Map<LaunchDetection, String> launchOwners(
      Scenario scenario, List<SyntheticSensors.Report> reports) {
    Map<LaunchDetection, String> owners = new IdentityHashMap<>();
    for (SyntheticSensors.Report report : reports) {
      if (report.observation() instanceof LaunchDetection launch) {
        Threat owner = null;
        double best = Double.POSITIVE_INFINITY;
        for (Threat threat : scenario.threats()) {
          if (!threat.launchTime().equals(launch.launchTime())) {
            continue;
          }
          double distance =
              Ellipsoid.WGS84
                  .toEcef(threat.launchPoint())
                  .distance(Ellipsoid.WGS84.toEcef(launch.launchPoint()));
          if (distance < best) {
            best = distance;
            owner = threat;
          }
        }
        if (owner != null) {
          owners.put(launch, owner.id());
        }
      }
    }
    return owners;
  }

  private static Map<String, Instant> firstReports(
      Scenario scenario,
      List<SyntheticSensors.Report> reports,
      Map<LaunchDetection, String> launchOwners) {
    Map<String, Instant> first = new HashMap<>();
    for (SyntheticSensors.Report report : reports) {
      Optional<String> threatId =
          report.observation() instanceof LaunchDetection launch
              ? Optional.ofNullable(launchOwners.get(launch))
              : report.truePlot().map(plot -> plot.vehicle().threatId());
      threatId.ifPresent(
          id -> first.merge(id, report.observation().time(), (a, b) -> a.isBefore(b) ? a : b));
    }
    return first;
  }

  private static String scenarioId(
      TrackedThreat threat, Map<LaunchDetection, String> launchOwners, ScenarioTruth truth) {
    if (threat.launch().isPresent() && launchOwners.containsKey(threat.launch().get())) {
      return launchOwners.get(threat.launch().get());
    }
    if (threat.tracks().isEmpty()) {
      return threat.id();
    }
    var estimate = threat.tracks().get(0);
    VehicleTruth nearest = null;
    double best = Double.POSITIVE_INFINITY;
    for (VehicleTruth vehicle : truth.vehicles()) {
      if (estimate.time().isBefore(vehicle.launchTime())
          || estimate.time().isAfter(vehicle.impactTime())) {
        continue;
      }
      double distance =
          vehicle
              .trajectory()
              .stateAt(estimate.time())
              .positionEcefM()
              .distance(estimate.mean().positionEcefM());
      if (distance < best) {
        best = distance;
        nearest = vehicle;
      }
    }
    return nearest == null ? threat.id() : nearest.threatId();
  }
}
