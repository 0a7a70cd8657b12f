package org.tocsin.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
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
 * single-threaded. Within one batch, the footprints of the threats it concerns may be predicted in
 * parallel on the given executor (each is a function of its own threat's tracks alone); they are
 * then decided one by one in the tracker's order, so the events are the same whatever the executor.
 *
 * <p>When a threat's latest arrival passes, the tracker retires it: its tracks take no new plot,
 * and a later missile from the same site is a threat of its own. A threat that people stood down is
 * silenced instead: its tracks go on following its missile, so that its plots open no new threat,
 * but it is never warned for again.
 */
public final class WarningPipeline {

  private final Tracker tracker;
  private final String threatIdPrefix;
  private final FootprintPredictor predictor = new FootprintPredictor();
  private final DecisionEngine engine;
  private final AreaSet areas;
  private final Executor executor;

  /**
   * A threat whose last footprint was already precise (see {@link DecisionEngine#PRECISE_SIGMA_M})
   * is predicted again at most this often: its areas shelter already, and a salvo's converged
   * tracks would otherwise cost a footprint each on every scan.
   */
  static final Duration PRECISE_REFRESH = Duration.ofSeconds(4);

  /**
   * How long an ended threat is kept in memory before it is forgotten: the page and the API show it
   * meanwhile; its history stays in the journal. Longer than any flight, so that a silenced
   * threat's missile is down before its tracks go.
   */
  public static final Duration ENDED_RETENTION = Duration.ofHours(1);

  /** What one batch of reports caused. */
  public record Outcome(List<Footprint> footprints, List<AlertEvent> events) {
    public Outcome {
      footprints = List.copyOf(footprints);
      events = List.copyOf(events);
    }
  }

  /** A pipeline that predicts on the calling thread. */
  public WarningPipeline(Policy policy, AreaSet areas) {
    this(policy, areas, Runnable::run);
  }

  /**
   * @param executor where the footprints of one batch's threats are predicted, in parallel when it
   *     has several threads
   */
  public WarningPipeline(Policy policy, AreaSet areas, Executor executor) {
    this(policy, areas, executor, "");
  }

  private WarningPipeline(Policy policy, AreaSet areas, Executor executor, String threatIdPrefix) {
    this.tracker = new Tracker(threatIdPrefix);
    this.threatIdPrefix = threatIdPrefix;
    this.engine = new DecisionEngine(policy, areas);
    this.areas = areas;
    this.executor = executor;
  }

  /**
   * A pipeline set up like this one whose threats' ids begin with {@code prefix} (a cluster's: see
   * {@link Tracker#Tracker(String)}), knowing no threat yet.
   */
  public WarningPipeline withThreatIdPrefix(String prefix) {
    return new WarningPipeline(engine.policy(), areas, executor, prefix);
  }

  /**
   * A pipeline set up like this one (policy, areas, executor) that knows no threat yet: what the
   * server rebuilds its state in, from the journal.
   */
  public WarningPipeline fresh() {
    return new WarningPipeline(engine.policy(), areas, executor, threatIdPrefix);
  }

  /**
   * The tracker's numbers when the pipeline follows nothing at all (no threat tracked or decided
   * for, not even an ended one kept): then they are all its state, and a pipeline resumed from them
   * ({@link #resumedFrom}) decides every later batch as this one does. Empty otherwise.
   */
  public Optional<Tracker.Counters> quietCounters() {
    return tracker.quiet() && engine.quiet() ? Optional.of(tracker.counters()) : Optional.empty();
  }

  /** A fresh pipeline set up like this one, numbering as one that had {@code counters}. */
  public WarningPipeline resumedFrom(Tracker.Counters counters) {
    WarningPipeline resumed = fresh();
    resumed.tracker.resume(counters);
    return resumed;
  }

  /**
   * Takes a batch of reports that arrived together at {@code now}; returns the new footprints and
   * the alert events they caused, including any time-driven ones due at {@code now}.
   */
  public Outcome process(List<Observation> batch, Instant now) {
    // What is due by now is decided before the batch is taken: a threat whose missile is down by
    // now takes none of its plots, whether a tick retired it already or not. A restart replays only
    // the ticks that decided something, so one that retired a threat silently is not replayed, and
    // the batch after it gave the threat a track that the live server had given a threat of its
    // own.
    List<AlertEvent> events = new ArrayList<>(tick(now));
    List<CompletableFuture<Optional<DecisionEngine.Assessment>>> predictions = new ArrayList<>();
    for (String threatId : tracker.process(batch)) {
      Optional<Instant> precise = engine.decidedPrecisely(threatId);
      if (precise.isPresent() && now.isBefore(precise.get().plus(PRECISE_REFRESH))) {
        continue;
      }
      TrackedThreat threat = tracker.threat(threatId).orElseThrow();
      predictions.add(
          CompletableFuture.supplyAsync(() -> predict(threat).map(engine::assess), executor));
    }
    List<Footprint> footprints = new ArrayList<>();
    for (CompletableFuture<Optional<DecisionEngine.Assessment>> prediction : predictions) {
      Optional<DecisionEngine.Assessment> assessed = prediction.join();
      if (assessed.isPresent()) {
        Footprint footprint = assessed.get().footprint();
        footprints.add(footprint);
        engine.decide(assessed.get(), now).ifPresent(events::add);
      }
    }
    events.addAll(tick(now));
    return new Outcome(footprints, events);
  }

  private Optional<Footprint> predict(TrackedThreat threat) {
    return threat.tracks().isEmpty()
        ? threat.launch().map(launch -> predictor.corridor(threat.id(), launch))
        : predictor.fromTracks(threat);
  }

  /** Time-driven decisions due at {@code now}: shelter deadlines, threats' ends, all-clears. */
  public List<AlertEvent> tick(Instant now) {
    List<AlertEvent> events = engine.tick(now);
    retireEnded();
    forgetEnded(now);
    return events;
  }

  private void retireEnded() {
    engine.drainRetired().forEach(tracker::retire);
  }

  private void forgetEnded(Instant now) {
    engine.evictEnded(now.minus(ENDED_RETENTION)).forEach(tracker::forget);
  }

  /** Whether a threat warned for automatically has yet to end. */
  public boolean anyToEnd() {
    return engine.anyToEnd();
  }

  /** Where a threat is in its life; empty for a threat that has not been warned for. */
  public Optional<ThreatPhase> phase(String threatId) {
    return engine.phase(threatId);
  }

  /** Puts a manual alert in force at {@code now}; see {@link DecisionEngine#issue}. */
  public AlertEvent issue(ManualAlert alert, Instant now, String reason) {
    return engine.issue(alert.threatId(), alert.warnings(now), now, reason);
  }

  /**
   * Puts an upstream authority's alert in force at {@code now}; see {@link DecisionEngine#issue}.
   */
  public AlertEvent relay(UpstreamAlert alert, Instant now, String reason) {
    return engine.issue(alert.threatId(), alert.warnings(now), now, reason);
  }

  /**
   * Replaces the upstream alert of the same threat with {@code alert}, an Update; see {@link
   * DecisionEngine#reissue}.
   */
  public AlertEvent relayUpdate(UpstreamAlert alert, Instant now, String reason) {
    return engine.reissue(alert.threatId(), alert.warnings(now), now, reason);
  }

  /** Stands a threat's warnings down by people's decision; see {@link DecisionEngine#standDown}. */
  public Optional<AlertEvent> standDown(
      String threatId, MessageType type, Instant now, String reason) {
    Optional<AlertEvent> event = engine.standDown(threatId, type, now, reason);
    if (event.isPresent()) {
      tracker.silence(threatId);
    }
    return event;
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
