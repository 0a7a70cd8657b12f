package org.tocsin.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.locationtech.jts.geom.Point;
import org.tocsin.area.Area;
import org.tocsin.area.AreaProbability;
import org.tocsin.area.AreaSet;
import org.tocsin.area.ImpactSample;
import org.tocsin.geo.GeoPoint;
import org.tocsin.predict.Footprint;

/**
 * Decides, threat by threat, which areas must prepare and which must shelter, and turns changes
 * into alert events.
 *
 * <p>For every area, P(an impact within it or its buffer) is the share of the footprint's samples
 * within the buffer of the area (widened by a quarter of the footprint's σ, so that the
 * quadrature's spacing leaves no gaps), combined over separately tracked groups as 1 − Π(1 − pᵢ).
 * An area at or above the threshold is at risk and is warned at least to prepare. It shelters when
 * the prediction is precise (a track whose one-sigma ellipse is under {@link #PRECISE_SIGMA_M}) or,
 * at the latest, {@code shelterLeadS} before its earliest predicted arrival, checked at every
 * decision and every tick.
 *
 * <p>Hysteresis keeps warnings from flapping as the track converges: a level never steps down while
 * the area stays warned, and an area is released only after three consecutive decisions over at
 * least ten seconds put it below half the threshold, and releases are batched at most one per
 * twenty seconds per threat, so that a converging track sends few messages. Releasing areas is an
 * Update; releasing the last one a Cancel; the all-clear follows {@code allClearAfterS} after the
 * latest predicted arrival.
 */
public final class DecisionEngine {

  /** One-sigma impact error below which a track is precise enough to shelter at once (m). */
  public static final double PRECISE_SIGMA_M = 1_500;

  private static final int RELEASE_AFTER_DECISIONS = 3;
  private static final Duration RELEASE_AFTER = Duration.ofSeconds(10);

  /** Releases are batched: at most one release a threat per this interval (fewer messages). */
  private static final Duration RELEASE_INTERVAL = Duration.ofSeconds(20);

  private final Policy policy;
  private final AreaSet areas;
  private final Map<String, ThreatState> threats = new LinkedHashMap<>();

  /** Areas do not change: their centroids are computed once, not at every decision. */
  private final Map<String, AreaExtent> extents = new HashMap<>();

  /** One threat's warnings. */
  private static final class ThreatState {
    final Map<String, AreaWarning> warnings = new TreeMap<>();
    final Map<String, Integer> lowCounts = new HashMap<>();
    final Map<String, Instant> lowSince = new HashMap<>();
    Footprint footprint;
    Instant lastRelease = Instant.MIN;
    int sequence;
    String lastEventId;
    boolean ended;
  }

  public DecisionEngine(Policy policy, AreaSet areas) {
    this.policy = policy;
    this.areas = areas;
  }

  public Policy policy() {
    return policy;
  }

  /** Takes a threat's new footprint; returns the alert event it causes, if any. */
  public Optional<AlertEvent> decide(Footprint footprint, Instant now) {
    ThreatState state = threats.computeIfAbsent(footprint.threatId(), id -> new ThreatState());
    if (state.ended) {
      return Optional.empty();
    }
    Map<String, AreaWarning> before = new TreeMap<>(state.warnings);
    state.footprint = footprint;
    Map<String, Double> probabilities = probabilities(footprint);
    for (Map.Entry<String, Double> entry : probabilities.entrySet()) {
      if (entry.getValue() >= policy.threshold()) {
        Area area = areas.byId(entry.getKey()).orElseThrow();
        AreaWarning previous = state.warnings.get(area.id());
        AlertLevel level = previous == null ? AlertLevel.PREPARE : previous.level();
        state.warnings.put(
            area.id(),
            new AreaWarning(area.id(), level, entry.getValue(), earliestArrival(footprint, area)));
        state.lowCounts.remove(area.id());
        state.lowSince.remove(area.id());
      }
    }
    boolean mayRelease = !now.isBefore(state.lastRelease.plus(RELEASE_INTERVAL));
    boolean released = false;
    for (String areaId : List.copyOf(state.warnings.keySet())) {
      double p = probabilities.getOrDefault(areaId, 0.0);
      if (p < policy.threshold() / 2) {
        int low = state.lowCounts.merge(areaId, 1, Integer::sum);
        Instant since = state.lowSince.computeIfAbsent(areaId, id -> now);
        if (mayRelease
            && low >= RELEASE_AFTER_DECISIONS
            && !now.isBefore(since.plus(RELEASE_AFTER))) {
          state.warnings.remove(areaId);
          state.lowCounts.remove(areaId);
          state.lowSince.remove(areaId);
          released = true;
        }
      }
    }
    if (released) {
      state.lastRelease = now;
    }
    boolean precise =
        footprint.kind() == Footprint.Kind.TRACK
            && footprint.ellipse().semiMajorM() <= PRECISE_SIGMA_M;
    escalate(state, now, precise);
    String reason =
        precise
            ? "impact predicted within " + Math.round(footprint.ellipse().semiMajorM()) + " m (1σ)"
            : footprint.kind() == Footprint.Kind.CORRIDOR
                ? "launch reported: the class's range along the reported heading"
                : "radar track: impact predicted within "
                    + Math.round(footprint.ellipse().semiMajorM() / 1000)
                    + " km (1σ)";
    return emit(state, footprint.threatId(), before, now, reason);
  }

  /**
   * Puts warnings decided by people in force for a new threat: they stay as given, untouched by
   * footprints and ticks, until {@link #standDown}.
   *
   * @throws IllegalArgumentException when the threat already exists, an area is not in the set, or
   *     there are no warnings
   */
  public AlertEvent issue(String threatId, List<AreaWarning> warnings, Instant now, String reason) {
    if (threats.containsKey(threatId)) {
      throw new IllegalArgumentException("threat " + threatId + " already exists");
    }
    if (warnings.isEmpty()) {
      throw new IllegalArgumentException("areas: must name at least one area");
    }
    for (AreaWarning warning : warnings) {
      if (areas.byId(warning.areaId()).isEmpty()) {
        throw new IllegalArgumentException(
            "areas: '" + warning.areaId() + "' is not an area of the set " + areas.id());
      }
    }
    ThreatState state = new ThreatState();
    warnings.forEach(warning -> state.warnings.put(warning.areaId(), warning));
    threats.put(threatId, state);
    return event(
        state, threatId, MessageType.ALERT, List.copyOf(state.warnings.values()), now, reason);
  }

  /**
   * Ends a threat's warnings by people's decision, an automatic threat's as well as a manual one's:
   * the engine warns no more for it, whatever reports follow. A Cancel lists no areas (none is in
   * force after it); an all-clear and a correction list the areas stood down.
   *
   * @param type {@link MessageType#CANCEL}, {@link MessageType#ALL_CLEAR} or {@link
   *     MessageType#CORRECTION}
   * @return the event, or empty when the threat has no warnings in force
   * @throws IllegalArgumentException for another type
   */
  public Optional<AlertEvent> standDown(
      String threatId, MessageType type, Instant now, String reason) {
    if (!type.endsWarnings()) {
      throw new IllegalArgumentException(
          "a stand-down is a cancel, an all-clear or a correction, was " + type);
    }
    ThreatState state = threats.get(threatId);
    if (state == null || state.ended || state.warnings.isEmpty()) {
      return Optional.empty();
    }
    List<AreaWarning> stoodDown = List.copyOf(state.warnings.values());
    state.ended = true;
    state.warnings.clear();
    return Optional.of(
        event(
            state,
            threatId,
            type,
            type == MessageType.CANCEL ? List.of() : stoodDown,
            now,
            reason));
  }

  /** Time-driven changes: shelter deadlines reached, all-clears due. */
  public List<AlertEvent> tick(Instant now) {
    List<AlertEvent> events = new ArrayList<>();
    for (Map.Entry<String, ThreatState> entry : threats.entrySet()) {
      ThreatState state = entry.getValue();
      if (state.ended || state.footprint == null) {
        continue;
      }
      Map<String, AreaWarning> before = new TreeMap<>(state.warnings);
      Instant allClearAt =
          state
              .footprint
              .latestArrival()
              .plus(Duration.ofMillis(Math.round(policy.allClearAfterS() * 1000)));
      if (!now.isBefore(allClearAt)) {
        state.ended = true;
        if (state.lastEventId != null && !before.isEmpty()) {
          events.add(
              event(
                  state,
                  entry.getKey(),
                  MessageType.ALL_CLEAR,
                  List.copyOf(before.values()),
                  now,
                  "all clear: the threat has come down"));
          state.warnings.clear();
        }
        continue;
      }
      escalate(state, now, false);
      emit(state, entry.getKey(), before, now, "shelter deadline reached").ifPresent(events::add);
    }
    return events;
  }

  /** Warnings in force now, by threat. */
  public Map<String, List<AreaWarning>> inForce() {
    Map<String, List<AreaWarning>> all = new LinkedHashMap<>();
    threats.forEach(
        (id, state) -> {
          if (!state.warnings.isEmpty()) {
            all.put(id, List.copyOf(state.warnings.values()));
          }
        });
    return all;
  }

  private void escalate(ThreatState state, Instant now, boolean precise) {
    Instant deadline = now.plus(Duration.ofMillis(Math.round(policy.shelterLeadS() * 1000)));
    for (Map.Entry<String, AreaWarning> entry : state.warnings.entrySet()) {
      AreaWarning warning = entry.getValue();
      boolean leaving = state.lowCounts.containsKey(entry.getKey());
      if (warning.level() == AlertLevel.PREPARE
          && !leaving
          && (precise || !warning.earliestArrival().isAfter(deadline))) {
        entry.setValue(warning.withLevel(AlertLevel.SHELTER));
      }
    }
  }

  private Optional<AlertEvent> emit(
      ThreatState state,
      String threatId,
      Map<String, AreaWarning> before,
      Instant now,
      String reason) {
    if (sameLevels(before, state.warnings)) {
      return Optional.empty();
    }
    MessageType type;
    if (state.lastEventId == null) {
      type = MessageType.ALERT;
    } else if (state.warnings.isEmpty()) {
      type = MessageType.CANCEL;
      reason = "no area is at risk any more: " + reason;
    } else {
      type = MessageType.UPDATE;
    }
    return Optional.of(
        event(state, threatId, type, List.copyOf(state.warnings.values()), now, reason));
  }

  private static AlertEvent event(
      ThreatState state,
      String threatId,
      MessageType type,
      List<AreaWarning> warnings,
      Instant now,
      String reason) {
    String id = threatId + "-" + ++state.sequence;
    AlertEvent event =
        new AlertEvent(
            id, now, threatId, type, warnings, reason, Optional.ofNullable(state.lastEventId));
    state.lastEventId = id;
    return event;
  }

  private static boolean sameLevels(Map<String, AreaWarning> a, Map<String, AreaWarning> b) {
    if (!a.keySet().equals(b.keySet())) {
      return false;
    }
    for (Map.Entry<String, AreaWarning> entry : a.entrySet()) {
      if (entry.getValue().level() != b.get(entry.getKey()).level()) {
        return false;
      }
    }
    return true;
  }

  private Map<String, Double> probabilities(Footprint footprint) {
    double radiusM = policy.bufferKm() * 1000;
    if (footprint.kind() == Footprint.Kind.TRACK) {
      radiusM += 0.25 * footprint.ellipse().semiMajorM();
    } else {
      radiusM += footprint.launch().map(launch -> 2 * launch.positionSigmaM()).orElse(0.0);
    }
    radiusM = Math.min(radiusM, AreaSet.MAX_RADIUS_M);
    Map<String, Double> missProbability = new HashMap<>();
    for (List<ImpactSample> group : footprint.samples()) {
      for (AreaProbability match : areas.match(group, radiusM)) {
        missProbability.merge(match.area().id(), 1 - match.probability(), (x, y) -> x * y);
      }
    }
    Map<String, Double> probabilities = new HashMap<>();
    missProbability.forEach((id, miss) -> probabilities.put(id, 1 - miss));
    return probabilities;
  }

  /** An area's centre and the radius of a disc of its size, for arrival estimates. */
  private record AreaExtent(GeoPoint centre, double radiusM) {
    static AreaExtent of(Area area) {
      Point centroid = area.geometry().getCentroid();
      return new AreaExtent(
          GeoPoint.of(centroid.getY(), centroid.getX()),
          Math.sqrt(area.areaKm2() / Math.PI) * 1000);
    }
  }

  private Instant earliestArrival(Footprint footprint, Area area) {
    AreaExtent extent = extents.computeIfAbsent(area.id(), id -> AreaExtent.of(area));
    return footprint.earliestArrivalAt(extent.centre(), extent.radiusM());
  }
}
