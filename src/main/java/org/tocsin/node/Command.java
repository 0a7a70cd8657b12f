package org.tocsin.node;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.tocsin.alert.ManualAlert;
import org.tocsin.alert.MessageType;
import org.tocsin.alert.UpstreamAlert;
import org.tocsin.track.Observation;
import org.tocsin.track.Tracker;

/**
 * What the writer is told to do ({@link LiveWarnings#execute}): a batch of reports, a tick, or an
 * operator's action, each a value that carries the time it is decided at. The writer decides at
 * that time, never at its clock's reading when the command runs, so that a command replayed from
 * the journal (or run late, on a loaded machine) decides exactly as it did on time.
 */
public sealed interface Command {

  /** When it is decided: the time the engine uses. */
  Instant at();

  /**
   * Its name in logs and faults: {@code batch}, {@code tick}, {@code issue}, {@code stand-down},
   * {@code relay}, {@code upstream-cancel}, {@code checkpoint}.
   */
  String name();

  /** Sensor reports that arrived together; a report taken in lately (a retry) is dropped. */
  record Batch(List<Observation> reports, Instant at) implements Command {
    public Batch {
      reports = List.copyOf(reports);
      Objects.requireNonNull(at, "at");
    }

    @Override
    public String name() {
      return "batch";
    }
  }

  /** The time-driven decisions due at {@code at}: shelter deadlines, all-clears, expiries. */
  record Tick(Instant at) implements Command {
    public Tick {
      Objects.requireNonNull(at, "at");
    }

    @Override
    public String name() {
      return "tick";
    }
  }

  /**
   * An approved manual alert put in force.
   *
   * <p>The writer refuses it ({@link IllegalArgumentException}) when an area is not in the set or
   * the threat exists.
   */
  record Issue(ManualAlert alert, Instant at) implements Command {
    public Issue {
      Objects.requireNonNull(alert, "alert");
      Objects.requireNonNull(at, "at");
    }

    @Override
    public String name() {
      return "issue";
    }
  }

  /**
   * A threat's warnings stood down by people's decision: a Cancel, correction or all-clear, which
   * references the threat's previous event. Decides nothing when the threat has no warnings in
   * force.
   *
   * @param type {@link MessageType#CANCEL}, {@link MessageType#CORRECTION} or {@link
   *     MessageType#ALL_CLEAR}; the writer refuses another ({@link IllegalArgumentException})
   */
  record StandDown(String threatId, MessageType type, Instant at) implements Command {
    public StandDown {
      Objects.requireNonNull(threatId, "threatId");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(at, "at");
    }

    @Override
    public String name() {
      return "stand-down";
    }
  }

  /**
   * An upstream authority's alert relayed: a new alert, or the Update of the alert of the same
   * threat when that one is relayed already. The writer refuses it ({@link
   * IllegalArgumentException}) when an area is not in the set, or a new alert's threat exists.
   */
  record Relay(UpstreamAlert alert, Instant at) implements Command {
    public Relay {
      Objects.requireNonNull(alert, "alert");
      Objects.requireNonNull(at, "at");
    }

    @Override
    public String name() {
      return "relay";
    }
  }

  /**
   * An upstream alert ended by its authority's Cancel: that alert only, whatever else covers its
   * areas. Decides nothing when the alert is not in force.
   */
  record CancelUpstream(String threatId, Instant at) implements Command {
    public CancelUpstream {
      Objects.requireNonNull(threatId, "threatId");
      Objects.requireNonNull(at, "at");
    }

    @Override
    public String name() {
      return "upstream-cancel";
    }
  }

  /**
   * A point of a cluster's shared log from which a node may start instead of the first record: the
   * engine's node appends one when its engine follows nothing at all, carrying the numbers that are
   * then all the engine's state. Every engine that takes it, while it follows nothing, starts
   * afresh with those numbers, so a node that starts here and one that read the log from its first
   * record decide alike from here on. The writer refuses it ({@link IllegalArgumentException}) when
   * its engine follows something (a command came between): it changes nothing then.
   *
   * @param counters the tracker's numbers
   * @param eventOrdinal how many events the engine had decided since the log began
   */
  record Checkpoint(Tracker.Counters counters, long eventOrdinal, Instant at) implements Command {
    public Checkpoint {
      Objects.requireNonNull(counters, "counters");
      if (eventOrdinal < 0) {
        throw new IllegalArgumentException("eventOrdinal: must be at least 0, was " + eventOrdinal);
      }
      Objects.requireNonNull(at, "at");
    }

    @Override
    public String name() {
      return "checkpoint";
    }
  }
}
