package org.tocsin.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tocsin.alert.AlertStatus;
import org.tocsin.alert.WarningPipeline;
import org.tocsin.area.AreaSet;
import org.tocsin.area.AreaSets;
import org.tocsin.node.LiveWarnings;
import org.tocsin.node.PublishedEvent;
import org.tocsin.sim.Scenario;
import org.tocsin.sim.ScenarioLoader;
import org.tocsin.sim.ScenarioTruth;
import org.tocsin.sim.SyntheticSensors;
import org.tocsin.store.MutableClock;
import org.tocsin.track.Observation;

/**
 * A short-range missile from Crimea that comes down in the Black Sea: warned at first (the early
 * track covers the west coast), then cancelled once the track shows the impact at sea. Its reports,
 * in batches, drive the server in tests step by step.
 */
final class SeaImpactReplay {

  static final String YAML =
      String.join(
          "\n",
          "name: sea-impact",
          "seed: 5",
          "areas: ua-hromadas",
          "threats:",
          "  - id: S1",
          "    class: srbm",
          "    launch: { lat: 45.71, lon: 34.39, time: 2025-03-02T03:00:00Z }",
          "    impact: { lat: 44.9, lon: 32.6 }",
          "    apogeeKm: 60",
          "sensors:",
          "  - id: ir-1",
          "    kind: launch-detection",
          "    latencyS: 20",
          "    positionSigmaKm: 3",
          "    headingSigmaDeg: 5",
          "  - id: radar-mykolaiv",
          "    kind: radar",
          "    site: { lat: 47.10, lon: 32.10, altM: 50 }",
          "    periodS: 2",
          "    rangeSigmaM: 80",
          "    azimuthSigmaMrad: 1.0",
          "    elevationSigmaMrad: 1.0",
          "    minElevationDeg: 0.5",
          "    maxRangeKm: 800",
          "");

  final Scenario scenario = ScenarioLoader.parse(YAML, "sea-impact.yaml");
  final MutableClock clock = new MutableClock(scenario.start());
  final LiveWarnings live;
  private final TreeMap<Instant, List<Observation>> batches =
      Observation.byArrival(SyntheticSensors.observe(scenario, ScenarioTruth.of(scenario)));

  SeaImpactReplay() {
    this(AreaSets.bundled("ua-hromadas"));
  }

  /** The same flight warned over other areas. */
  SeaImpactReplay(AreaSet areas) {
    live =
        new LiveWarnings(
            new WarningPipeline(scenario.policy(), areas), clock, AlertStatus.EXERCISE, 1);
  }

  /** Feeds batches, in order, until one causes an event of {@code type}; returns its time. */
  Instant feedUntil(String type) {
    while (!batches.isEmpty()) {
      Map.Entry<Instant, List<Observation>> batch = batches.pollFirstEntry();
      clock.set(batch.getKey());
      boolean found =
          live.ingest(batch.getValue()).stream()
              .anyMatch(e -> e.event().type().name().equalsIgnoreCase(type));
      if (found) {
        return batch.getKey();
      }
    }
    throw new AssertionError("no " + type + " event in the replay");
  }

  /** Feeds every batch left, in order; returns the events they caused. */
  List<PublishedEvent> feedRest() {
    List<PublishedEvent> events = new java.util.ArrayList<>();
    while (!batches.isEmpty()) {
      Map.Entry<Instant, List<Observation>> batch = batches.pollFirstEntry();
      clock.set(batch.getKey());
      events.addAll(live.ingest(batch.getValue()));
    }
    return events;
  }
}
