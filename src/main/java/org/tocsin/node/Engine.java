package org.tocsin.node;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tocsin.alert.AlertEvent;
import org.tocsin.alert.ManualAlert;
import org.tocsin.alert.MessageType;
import org.tocsin.alert.RelayReason;
import org.tocsin.alert.UpstreamAlert;
import org.tocsin.alert.WarningPipeline;
import org.tocsin.predict.Footprint;
import org.tocsin.track.Observation;
import org.tocsin.track.Tracker;

/**
 * The engine as the writer owns it: the warning pipeline, who decided each threat, and the reports
 * taken in lately. Turns a command into what it decided, at the command's own time; deterministic
 * given the commands, which is what lets the journal's replay rebuild it. Not thread-safe: the
 * writer calls it under its lock.
 */
final class Engine {

  /** What one command decided: the predictions made and the alert events. */
  record Decision(List<Footprint> footprints, List<AlertEvent> events) {
    Decision {
      footprints = List.copyOf(footprints);
      events = List.copyOf(events);
    }

    static Decision of(List<AlertEvent> events) {
      return new Decision(List.of(), events);
    }
  }

  private WarningPipeline pipeline;
  private final ThreatOrigins origins;
  private final RecentReports recent = new RecentReports();

  /** Whether it took a command since it was made or reset: a checkpoint must then agree with it. */
  private boolean took;

  Engine(WarningPipeline pipeline, ThreatOrigins origins) {
    this.pipeline = pipeline;
    this.origins = origins;
  }

  /** The reports of {@code batch} not taken in lately, in order, each once. */
  List<Observation> unseen(List<Observation> batch) {
    return recent.unseen(batch);
  }

  /**
   * Decides a command at its time.
   *
   * @throws IllegalArgumentException when an operator's action cannot be applied (an area not in
   *     the set, a threat that exists, a stand-down that is not one)
   */
  Decision decide(Command command) {
    Instant at = command.at();
    if (!(command instanceof Command.Checkpoint)) {
      took = true;
    }
    if (command instanceof Command.Batch batch) {
      recent.remember(batch.reports());
      WarningPipeline.Outcome outcome = pipeline.process(batch.reports(), at);
      return new Decision(outcome.footprints(), outcome.events());
    }
    if (command instanceof Command.Tick) {
      List<AlertEvent> events = new ArrayList<>(pipeline.tick(at));
      events.addAll(expireUpstream(at));
      return Decision.of(events);
    }
    if (command instanceof Command.Issue issue) {
      return Decision.of(List.of(issue(issue.alert(), at)));
    }
    if (command instanceof Command.StandDown standDown) {
      return Decision.of(standDown(standDown.threatId(), standDown.type(), at).stream().toList());
    }
    if (command instanceof Command.Relay relay) {
      return Decision.of(List.of(relay(relay.alert(), at)));
    }
    if (command instanceof Command.CancelUpstream cancel) {
      return Decision.of(cancelUpstream(cancel.threatId(), at).stream().toList());
    }
    if (command instanceof Command.Checkpoint checkpoint) {
      Optional<Tracker.Counters> counters = quietCounters();
      if (counters.isEmpty()) {
        throw new IllegalArgumentException(
            "checkpoint: the engine follows threats now; a command came after it was written");
      }
      if (took && !counters.get().equals(checkpoint.counters())) {
        // Commands came between its writing and now, and moved the numbers on: taking it would
        // number new threats as old ones. An engine that took nothing yet starts here, and adopts.
        throw new IllegalArgumentException(
            "checkpoint: its numbers "
                + checkpoint.counters()
                + " are not this engine's "
                + counters.get());
      }
      took = true;
      pipeline = pipeline.resumedFrom(checkpoint.counters());
      origins.clear();
      recent.clear();
      return Decision.of(List.of());
    }
    throw new IllegalArgumentException("command: not one the writer knows, was " + command);
  }

  /**
   * The tracker's numbers when the engine follows nothing at all (no threat, no manual or upstream
   * alert in force): then they are all its state. Empty otherwise.
   */
  Optional<Tracker.Counters> quietCounters() {
    if (!pipeline.inForce().isEmpty()) {
      return Optional.empty();
    }
    return pipeline.quietCounters();
  }

  /** Forgets every threat: before the journal is replayed into it. */
  void reset() {
    took = false;
    pipeline = pipeline.fresh();
    origins.clear();
    recent.clear();
  }

  Snapshot snapshot() {
    return Snapshot.of(pipeline);
  }

  /** Ends the upstream alerts whose authority's message has expired by {@code at}. */
  private List<AlertEvent> expireUpstream(Instant at) {
    List<AlertEvent> events = new ArrayList<>();
    UpstreamThreats upstream = origins.upstream();
    for (String threat : upstream.expired(pipeline.inForce().keySet(), at)) {
      UpstreamAlert alert = upstream.get(threat).orElseThrow();
      pipeline
          .standDown(
              threat,
              MessageType.CANCEL,
              at,
              "the message of upstream authority "
                  + alert.authority()
                  + " expired at "
                  + alert.expires())
          .ifPresent(events::add);
    }
    return events;
  }

  private AlertEvent relay(UpstreamAlert alert, Instant at) {
    UpstreamThreats upstream = origins.upstream();
    boolean update = upstream.contains(alert.threatId());
    String reason = RelayReason.relayed(alert, update);
    AlertEvent event =
        update ? pipeline.relayUpdate(alert, at, reason) : pipeline.relay(alert, at, reason);
    upstream.put(alert, pipeline.inForce().keySet());
    return event;
  }

  private Optional<AlertEvent> cancelUpstream(String threatId, Instant at) {
    Optional<UpstreamAlert> alert = origins.upstream().get(threatId);
    if (alert.isEmpty()) {
      return Optional.empty();
    }
    return pipeline.standDown(threatId, MessageType.CANCEL, at, RelayReason.cancelled(alert.get()));
  }

  private AlertEvent issue(ManualAlert alert, Instant at) {
    AlertEvent event =
        pipeline.issue(
            alert,
            at,
            "issued by people: a draft approved by a second person ("
                + alert.status().stated()
                + ")");
    origins.issued(alert);
    return event;
  }

  private Optional<AlertEvent> standDown(String threatId, MessageType type, Instant at) {
    String reason =
        switch (type) {
          case CANCEL -> "cancelled by an operator";
          case CORRECTION -> "corrected by an operator: the alert was issued in error";
          case ALL_CLEAR -> "all clear given by an operator";
          default -> throw new IllegalArgumentException("not a stand-down: " + type);
        };
    return pipeline.standDown(
        threatId, type, at, reason + " (" + origins.statusOf(threatId).stated() + ")");
  }
}
