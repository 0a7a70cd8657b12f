package org.tocsin.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tocsin.area.AreaSet;
import org.tocsin.predict.Footprint;
import org.tocsin.predict.FootprintPredictor;
import org.tocsin.track.Observation;
import org.tocsin.track.TrackedThreat;
import org.tocsin.track.Tracker;

/**
 * The warning pipeline after ingest: track, predict, decide. The server and {@code tocsin simulate}
 * run this same object, so a simulation measures exactly what the server would do.
 *
 * <p>Not thread-safe by itself; the server serialises access (one writer), the simulator is
 * single-threaded.
 */
public final class WarningPipeline {

  private final Tracker tracker = new Tracker();
  private final FootprintPredictor predictor = new FootprintPredictor();
  private final DecisionEngine engine;

  /** What one batch of reports caused. */
  public record Outcome(List<Footprint> footprints, List<AlertEvent> events) {
    public Outcome {
      footprints = List.copyOf(footprints);
      events = List.copyOf(events);
    }
  }

  public WarningPipeline(Policy policy, AreaSet areas) {
    this.engine = new DecisionEngine(policy, areas);
  }

  /**
   * Takes a batch of reports that arrived together at {@code now}; returns the new footprints and
   * the alert events they caused, including any time-driven ones due at {@code now}.
   */
  public Outcome process(List<Observation> batch, Instant now) {
    List<Footprint> footprints = new ArrayList<>();
    List<AlertEvent> events = new ArrayList<>();
    for (String threatId : tracker.process(batch)) {
      TrackedThreat threat = tracker.threat(threatId).orElseThrow();
      Optional<Footprint> predicted =
          threat.tracks().isEmpty()
              ? threat.launch().map(launch -> predictor.corridor(threatId, launch))
              : predictor.fromTracks(threat);
      if (predicted.isPresent()) {
        footprints.add(predicted.get());
        engine.decide(predicted.get(), now).ifPresent(events::add);
      }
    }
    events.addAll(engine.tick(now));
    return new Outcome(footprints, events);
  }

  /** Time-driven decisions due at {@code now}: shelter deadlines and all-clears. */
  public List<AlertEvent> tick(Instant now) {
    return engine.tick(now);
  }

  /** Puts a manual alert in force at {@code now}; see {@link DecisionEngine#issue}. */
  public AlertEvent issue(ManualAlert alert, Instant now, String reason) {
    return engine.issue(alert.threatId(), alert.warnings(now), now, reason);
  }

  /** Stands a threat's warnings down by people's decision; see {@link DecisionEngine#standDown}. */
  public Optional<AlertEvent> standDown(
      String threatId, MessageType type, Instant now, String reason) {
    return engine.standDown(threatId, type, now, reason);
  }

  /** Every threat being tracked. */
  public List<TrackedThreat> threats() {
    return tracker.threats();
  }

  public Optional<TrackedThreat> threat(String id) {
    return tracker.threat(id);
  }

  /** Warnings in force, by threat. */
  public Map<String, List<AreaWarning>> inForce() {
    return engine.inForce();
  }

  public Policy policy() {
    return engine.policy();
  }
}
