package org.tocsin.sirens;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.tocsin.alert.AlertEvent;
import org.tocsin.alert.AlertStatus;
import org.tocsin.alert.AreaWarning;
import org.tocsin.alert.RelayReason;
import org.tocsin.node.PublishedEvent;

/**
 * Each area's siren state, kept from the warnings in force and changed by every alert event; every
 * change is queued for the broker ({@link LatestPerArea}).
 *
 * <p>The warnings come from the events themselves: an event carries the full set of its threat's
 * warnings in force after it, and one that {@linkplain org.tocsin.alert.MessageType#endsWarnings()
 * ends its warnings} (a Cancel, an all-clear, a correction) takes the threat away. Subscribers are
 * called before the live warnings' own view is refreshed, so the view could lag the event being
 * handled; the events never do.
 *
 * <p>An area warned by threats of different statuses takes its state from the most real of them
 * (Actual, then Exercise, then Test): a siren never sounds a real alarm because of an exercise, and
 * an exercise never hides a real one.
 *
 * <p>Everything is under one lock, the queue's offers included, so that a state found stale by one
 * thread (a retained message read back from the broker) can never be queued after a newer one
 * decided on another (the engine's).
 */
final class AreaStates {

  private final Map<String, Map<String, AreaWarning>> warningsByThreat = new HashMap<>();
  private final Map<String, AlertStatus> statusByThreat = new HashMap<>();

  /** Threats whose warnings give no time of arrival (upstream advance notices). */
  private final Set<String> withoutArrival = new HashSet<>();

  private final Map<String, Set<String>> threatsByArea = new HashMap<>();

  /** The state of every area not at {@code none}. */
  private final Map<String, SirenState> warned = new HashMap<>();

  private final LatestPerArea queue;
  private final AlertStatus serverStatus;
  private final Supplier<Instant> now;

  /**
   * @param serverStatus the status of an all-clear for an area whose earlier state is unknown (left
   *     on the broker by an earlier run)
   * @param now the warnings' clock, which dates such an all-clear
   */
  AreaStates(LatestPerArea queue, AlertStatus serverStatus, Supplier<Instant> now) {
    this.queue = queue;
    this.serverStatus = serverStatus;
    this.now = now;
  }

  /**
   * Starts from the warnings in force (after a restart, those the journal brought back) and queues
   * the state of every area they warn.
   *
   * @param countdown whether a threat's warnings have a time of arrival: false for an authority's
   *     advance notice, as {@link #apply} reads it from the event
   */
  synchronized void seed(
      Map<String, List<AreaWarning>> inForce,
      Function<String, AlertStatus> statusOf,
      Predicate<String> countdown,
      Instant at) {
    Set<String> touched = new HashSet<>();
    inForce.forEach(
        (threat, warnings) -> {
          touched.addAll(put(threat, warnings, statusOf.apply(threat)));
          if (!countdown.test(threat)) {
            withoutArrival.add(threat);
          }
        });
    recompute(touched, at);
  }

  /** Takes in an alert event: the areas whose state it changed are queued. */
  synchronized void apply(PublishedEvent published) {
    AlertEvent event = published.event();
    String threat = event.threatId();
    Set<String> touched = new HashSet<>(remove(threat));
    if (!event.type().endsWarnings()) {
      touched.addAll(put(threat, event.areas(), published.status()));
      // An authority's advance notice gives no time of arrival: its warnings' stand-in is no time.
      if (RelayReason.read(event.reason()).filter(relay -> !relay.countdown()).isPresent()) {
        withoutArrival.add(threat);
      }
    }
    recompute(touched, event.time());
  }

  /** Queues the state of every area not at {@code none}: after a reconnection. */
  synchronized void queueWarned() {
    warned.forEach(queue::offer);
  }

  /**
   * Corrects what the broker retains for an area when it differs from the area's state: a state
   * left by an earlier run, or lost by a broker restarted without persistence.
   *
   * @param payload the retained message read back for the area
   */
  synchronized void reconcile(String area, byte[] payload) {
    SirenState state = warned.get(area);
    if (state != null) {
      if (!java.util.Arrays.equals(payload, state.json())) {
        queue.offer(area, state);
      }
    } else if (SirenState.levelOf(payload).filter(level -> level == SirenLevel.NONE).isEmpty()) {
      queue.offer(area, SirenState.none(serverStatus, now.get()));
    }
  }

  /** The state of an area now. */
  synchronized Optional<SirenState> warnedState(String area) {
    return Optional.ofNullable(warned.get(area));
  }

  private Set<String> put(String threat, List<AreaWarning> warnings, AlertStatus status) {
    Map<String, AreaWarning> byArea = new HashMap<>();
    for (AreaWarning warning : warnings) {
      byArea.put(warning.areaId(), warning);
      threatsByArea.computeIfAbsent(warning.areaId(), id -> new HashSet<>()).add(threat);
    }
    warningsByThreat.put(threat, byArea);
    statusByThreat.put(threat, status);
    return byArea.keySet();
  }

  private Set<String> remove(String threat) {
    withoutArrival.remove(threat);
    Map<String, AreaWarning> old = warningsByThreat.remove(threat);
    statusByThreat.remove(threat);
    if (old == null) {
      return Set.of();
    }
    for (String area : old.keySet()) {
      Set<String> threats = threatsByArea.get(area);
      if (threats != null) {
        threats.remove(threat);
        if (threats.isEmpty()) {
          threatsByArea.remove(area);
        }
      }
    }
    return old.keySet();
  }

  private void recompute(Set<String> areas, Instant at) {
    for (String area : areas) {
      SirenState before = warned.get(area);
      SirenState after = stateOf(area, at, before);
      if (before != null && before.sameWarningAs(after)) {
        continue;
      }
      if (before == null && after.level() == SirenLevel.NONE) {
        continue;
      }
      if (after.level() == SirenLevel.NONE) {
        warned.remove(area);
      } else {
        warned.put(area, after);
      }
      queue.offer(area, after);
    }
  }

  private SirenState stateOf(String area, Instant at, SirenState before) {
    Set<String> threats = threatsByArea.getOrDefault(area, Set.of());
    AlertStatus mostReal = null;
    for (String threat : threats) {
      AlertStatus status = statusByThreat.get(threat);
      // Declared Actual, Exercise, Test: a lower ordinal is more real.
      if (mostReal == null || status.ordinal() < mostReal.ordinal()) {
        mostReal = status;
      }
    }
    if (mostReal == null) {
      return SirenState.none(before == null ? serverStatus : before.status(), at);
    }
    SirenLevel level = SirenLevel.NONE;
    Instant earliest = null;
    TreeSet<String> behind = new TreeSet<>();
    for (String threat : threats) {
      if (statusByThreat.get(threat) != mostReal) {
        continue;
      }
      AreaWarning warning = warningsByThreat.get(threat).get(area);
      behind.add(threat);
      SirenLevel warningLevel = SirenLevel.of(warning.level());
      level = warningLevel.compareTo(level) > 0 ? warningLevel : level;
      if (withoutArrival.contains(threat)) {
        continue;
      }
      if (earliest == null || warning.earliestArrival().isBefore(earliest)) {
        earliest = warning.earliestArrival();
      }
    }
    return new SirenState(
        level, mostReal, new ArrayList<>(behind), Optional.ofNullable(earliest), at);
  }
}
