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
import org.tocsin.area.Area;
import org.tocsin.area.AreaProbability;
import org.tocsin.area.AreaSet;
import org.tocsin.area.ImpactSample;
import org.tocsin.geo.GeoPoint;
import org.tocsin.predict.Footprint;

/**
 * Decides, threat by threat, which areas must prepare and which must shelter, turns changes into
 * alert events, and ends every threat.
 *
 * <p>For every area, P(an impact within it or its buffer) is the share of the footprint's samples
 * within the buffer of the area (widened by a quarter of the footprint's σ, so that the
 * quadrature's spacing leaves no gaps), combined over separately tracked groups as 1 − Π(1 − pᵢ).
 * An area at or above the threshold is at risk and is warned at least to prepare. It shelters when
 * the prediction is precise (a track whose one-sigma ellipse is under {@link #PRECISE_SIGMA_M}) or,
 * at the latest, {@code shelterLead} before its earliest predicted arrival, checked at every
 * decision and every tick. Shelter deadlines are batched: when one area's deadline comes, every
 * area of the threat whose deadline falls within the next {@link #SHELTER_BATCH} shelters in the
 * same message. Shelter may so come earlier, never later, and a corridor that tightens as its
 * deadlines pass sends one message per batch instead of one a second.
 *
 * <p>Hysteresis keeps warnings from flapping as the track converges: a level never steps down while
 * the area stays warned; an area is released only after {@link #RELEASE_AFTER_DECISIONS}
 * consecutive decisions over at least {@link #RELEASE_AFTER} put it below half the threshold; and
 * releases are batched at most one per {@link #RELEASE_INTERVAL} per threat. Each message reaches
 * millions of phones, so an area told to shelter is not released and warned again seconds later.
 *
 * <p>Each threat's life is explicit ({@link ThreatPhase}): once its latest predicted arrival has
 * passed it is {@link ThreatPhase#PAST_IMPACT} (its tracks can be retired), and {@code
 * allClearAfter} later it ends with an all-clear for the areas still warned. A corridor's latest
 * arrival is that of the class's longest range, so a threat no radar ever sees ends too.
 */
public final class DecisionEngine {

  /** One-sigma impact error below which a track is precise enough to shelter at once (m). */
  public static final double PRECISE_SIGMA_M = 1_500;

  /** Areas whose shelter deadlines fall this close after one that is due shelter with it. */
  static final Duration SHELTER_BATCH = Duration.ofSeconds(20);

  private static final int RELEASE_AFTER_DECISIONS = 3;
  private static final Duration RELEASE_AFTER = Duration.ofSeconds(30);

  /** Releases are batched: at most one release a threat per this interval (fewer messages). */
  private static final Duration RELEASE_INTERVAL = Duration.ofSeconds(60);

  private final Policy policy;
  private final AreaSet areas;
  private final Map<String, ThreatState> threats = new LinkedHashMap<>();
  private final List<String> retired = new ArrayList<>();

  /** Areas do not change: their extents are made once, at construction. */
  private final Map<String, AreaExtent> extents = new HashMap<>();

  /** One threat's warnings and life. */
  private static final class ThreatState {
    final Map<String, AreaState> areas = new TreeMap<>();
    ThreatPhase phase;
    Footprint footprint;
    Instant decidedAt;
    Instant lastRelease = Instant.MIN;
    int sequence;
    String lastEventId;
    Instant endedAt;

    ThreatState(ThreatPhase phase) {
      this.phase = phase;
    }

    List<AreaWarning> warnings() {
      return areas.values().stream().map(AreaState::warning).toList();
    }

    Map<String, AlertLevel> levels() {
      Map<String, AlertLevel> levels = new TreeMap<>();
      areas.forEach((id, area) -> levels.put(id, area.level()));
      return levels;
    }
  }

  public DecisionEngine(Policy policy, AreaSet areas) {
    this.policy = policy;
    this.areas = areas;
    // Made once, here, so that assessing only reads it, from any thread.
    areas
        .areas()
        .forEach(area -> extents.put(area.id(), AreaExtent.of(area, areas.centroid(area.id()))));
  }

  public Policy policy() {
    return policy;
  }

  /**
   * Takes a threat's new footprint; returns the alert event it causes, if any. A threat that is
   * past impact or ended takes no footprint.
   */
  public Optional<AlertEvent> decide(Footprint footprint, Instant now) {
    return decide(assess(footprint), now);
  }

  /**
   * What a footprint means for the areas, before any decision: each area's probability, and for
   * each area at risk its earliest arrival. A function of the footprint and the area set alone,
   * which nothing changes after construction: several threads may assess footprints at once, the
   * costly part of a decision, while {@link #decide(Assessment, Instant)} stays on one.
   */
  public Assessment assess(Footprint footprint) {
    Map<String, Double> probabilities = probabilities(footprint);
    Map<String, Instant> arrivals = new HashMap<>();
    probabilities.forEach(
        (areaId, p) -> {
          if (p >= policy.threshold()) {
            arrivals.put(areaId, earliestArrival(footprint, areas.byId(areaId).orElseThrow()));
          }
        });
    return new Assessment(footprint, probabilities, arrivals);
  }

  /**
   * A footprint assessed against the area set.
   *
   * @param footprint the footprint
   * @param probabilities P(an impact within the area or its buffer), by area id, where positive
   * @param earliestArrivals the earliest predicted arrival, by id of each area at risk
   */
  public record Assessment(
      Footprint footprint,
      Map<String, Double> probabilities,
      Map<String, Instant> earliestArrivals) {
    public Assessment {
      probabilities = Map.copyOf(probabilities);
      earliestArrivals = Map.copyOf(earliestArrivals);
    }
  }

  /** Takes a threat's assessed footprint; returns the alert event it causes, if any. */
  public Optional<AlertEvent> decide(Assessment assessment, Instant now) {
    Footprint footprint = assessment.footprint();
    ThreatState state =
        threats.computeIfAbsent(footprint.threatId(), id -> new ThreatState(phaseOf(footprint)));
    if (!state.phase.live()) {
      return Optional.empty();
    }
    Map<String, AlertLevel> before = state.levels();
    state.footprint = footprint;
    state.phase = phaseOf(footprint);
    Map<String, Double> probabilities = assessment.probabilities();
    new TreeMap<>(assessment.earliestArrivals())
        .forEach(
            (areaId, arrival) -> {
              AreaState previous = state.areas.get(areaId);
              AlertLevel level = previous == null ? AlertLevel.PREPARE : previous.level();
              state.areas.put(
                  areaId,
                  AreaState.atRisk(
                      new AreaWarning(areaId, level, probabilities.get(areaId), arrival)));
            });
    release(state, probabilities, now);
    boolean precise = isPrecise(footprint);
    state.decidedAt = now;
    escalate(state, now, precise);
    return emit(state, footprint.threatId(), before, now, reason(footprint, precise));
  }

  /** Whether a footprint is precise enough to shelter every area at risk at once. */
  static boolean isPrecise(Footprint footprint) {
    return footprint.kind() == Footprint.Kind.TRACK
        && footprint.ellipse().semiMajorM() <= PRECISE_SIGMA_M;
  }

  /**
   * When the threat's last footprint, if it was precise, was decided on; empty for a threat whose
   * last footprint was imprecise, or that is not live.
   */
  public Optional<Instant> decidedPrecisely(String threatId) {
    ThreatState state = threats.get(threatId);
    if (state == null || !state.phase.live() || !isPrecise(state.footprint)) {
      return Optional.empty();
    }
    return Optional.of(state.decidedAt);
  }

  /** Whether a threat warned for automatically is still to end (people's alerts end by people). */
  public boolean anyToEnd() {
    for (ThreatState state : threats.values()) {
      if (state.phase != ThreatPhase.ENDED && state.phase != ThreatPhase.ISSUED) {
        return true;
      }
    }
    return false;
  }

  private static ThreatPhase phaseOf(Footprint footprint) {
    return footprint.kind() == Footprint.Kind.TRACK ? ThreatPhase.TRACKED : ThreatPhase.CORRIDOR;
  }

  private static String reason(Footprint footprint, boolean precise) {
    if (precise) {
      return "impact predicted within " + Math.round(footprint.ellipse().semiMajorM()) + " m (1σ)";
    }
    return footprint.kind() == Footprint.Kind.CORRIDOR
        ? "launch reported: the class's range along the reported heading"
        : "radar track: impact predicted within "
            + Math.round(footprint.ellipse().semiMajorM() / 1000)
            + " km (1σ)";
  }

  /** Counts low decisions and releases the areas low for long enough, in one batch. */
  private void release(ThreatState state, Map<String, Double> probabilities, Instant now) {
    boolean mayRelease = !now.isBefore(state.lastRelease.plus(RELEASE_INTERVAL));
    boolean released = false;
    for (String areaId : List.copyOf(state.areas.keySet())) {
      if (probabilities.getOrDefault(areaId, 0.0) >= policy.threshold() / 2) {
        continue;
      }
      AreaState low = state.areas.get(areaId).low(now);
      if (mayRelease
          && low.lowDecisions() >= RELEASE_AFTER_DECISIONS
          && !now.isBefore(low.lowSince().orElseThrow().plus(RELEASE_AFTER))) {
        state.areas.remove(areaId);
        released = true;
      } else {
        state.areas.put(areaId, low);
      }
    }
    if (released) {
      state.lastRelease = now;
    }
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
    requireAreas(warnings);
    ThreatState state = new ThreatState(ThreatPhase.ISSUED);
    warnings.forEach(warning -> state.areas.put(warning.areaId(), AreaState.atRisk(warning)));
    threats.put(threatId, state);
    return event(state, threatId, MessageType.ALERT, state.warnings(), now, reason);
  }

  /**
   * Replaces the warnings of a threat that people (or an upstream authority) put in force with new
   * ones: an Update referencing the threat's last event. The threat stays untouched by footprints
   * and ticks.
   *
   * @throws IllegalArgumentException when the threat was not issued, has ended, an area is not in
   *     the set, or there are no warnings
   */
  public AlertEvent reissue(
      String threatId, List<AreaWarning> warnings, Instant now, String reason) {
    ThreatState state = threats.get(threatId);
    if (state == null || state.phase != ThreatPhase.ISSUED || state.areas.isEmpty()) {
      throw new IllegalArgumentException("threat " + threatId + " has no issued alert in force");
    }
    requireAreas(warnings);
    state.areas.clear();
    warnings.forEach(warning -> state.areas.put(warning.areaId(), AreaState.atRisk(warning)));
    return event(state, threatId, MessageType.UPDATE, state.warnings(), now, reason);
  }

  private void requireAreas(List<AreaWarning> warnings) {
    if (warnings.isEmpty()) {
      throw new IllegalArgumentException("areas: must name at least one area");
    }
    for (AreaWarning warning : warnings) {
      if (areas.byId(warning.areaId()).isEmpty()) {
        throw new IllegalArgumentException(
            "areas: '" + warning.areaId() + "' is not an area of the set " + areas.id());
      }
    }
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
    if (state == null || state.phase == ThreatPhase.ENDED || state.areas.isEmpty()) {
      return Optional.empty();
    }
    List<AreaWarning> stoodDown = state.warnings();
    end(state, now);
    return Optional.of(
        event(
            state,
            threatId,
            type,
            type == MessageType.CANCEL ? List.of() : stoodDown,
            now,
            reason));
  }

  /** Time-driven changes: shelter deadlines reached, threats past impact, all-clears due. */
  public List<AlertEvent> tick(Instant now) {
    List<AlertEvent> events = new ArrayList<>();
    for (Map.Entry<String, ThreatState> entry : threats.entrySet()) {
      ThreatState state = entry.getValue();
      if (state.footprint == null
          || state.phase == ThreatPhase.ENDED
          || state.phase == ThreatPhase.ISSUED) {
        continue;
      }
      Instant latestArrival = state.footprint.latestArrival();
      if (!now.isBefore(latestArrival.plus(policy.allClearAfter()))) {
        List<AreaWarning> stoodDown = state.warnings();
        if (state.phase.live()) {
          retired.add(entry.getKey());
        }
        end(state, now);
        if (!stoodDown.isEmpty()) {
          events.add(
              event(
                  state,
                  entry.getKey(),
                  MessageType.ALL_CLEAR,
                  stoodDown,
                  now,
                  "all clear: the threat has come down"));
        }
        continue;
      }
      if (state.phase.live() && !now.isBefore(latestArrival)) {
        state.phase = ThreatPhase.PAST_IMPACT;
        retired.add(entry.getKey());
      }
      // Only a shelter deadline changes a live threat between its footprints: an Update, if any.
      if (escalate(state, now, false)) {
        events.add(
            event(
                state,
                entry.getKey(),
                MessageType.UPDATE,
                state.warnings(),
                now,
                "shelter deadline reached"));
      }
    }
    return events;
  }

  private static void end(ThreatState state, Instant now) {
    state.phase = ThreatPhase.ENDED;
    state.endedAt = now;
    state.areas.clear();
  }

  /**
   * Forgets the threats that ended before {@code endedBefore}: a server that runs for weeks keeps
   * only the threats of the last while in memory (their history is in the journal). Returns their
   * ids, for the tracker to forget too.
   */
  public List<String> evictEnded(Instant endedBefore) {
    List<String> evicted = new ArrayList<>();
    threats
        .entrySet()
        .removeIf(
            entry -> {
              ThreatState state = entry.getValue();
              boolean old = state.phase == ThreatPhase.ENDED && state.endedAt.isBefore(endedBefore);
              if (old) {
                evicted.add(entry.getKey());
              }
              return old;
            });
    return evicted;
  }

  /**
   * The threats whose latest arrival has passed since the last call: their missiles are down, so
   * their tracks can be retired. (A threat stood down by people is not among them: its missile may
   * still fly.)
   */
  public List<String> drainRetired() {
    List<String> drained = List.copyOf(retired);
    retired.clear();
    return drained;
  }

  /** Where a threat is in its life; empty for a threat the engine has not decided on. */
  public Optional<ThreatPhase> phase(String threatId) {
    return Optional.ofNullable(threats.get(threatId)).map(state -> state.phase);
  }

  /** Whether it decides for no threat, not even an ended one it keeps. */
  public boolean quiet() {
    return threats.isEmpty();
  }

  /** Warnings in force now, by threat. */
  public Map<String, List<AreaWarning>> inForce() {
    Map<String, List<AreaWarning>> all = new LinkedHashMap<>();
    threats.forEach(
        (id, state) -> {
          if (!state.areas.isEmpty()) {
            all.put(id, state.warnings());
          }
        });
    return all;
  }

  /**
   * Moves areas to shelter: all at risk when the prediction is precise; else those whose deadline
   * ({@code shelterLead} before their earliest arrival) has come, and with them every area whose
   * deadline falls within {@link #SHELTER_BATCH} after now.
   */
  private boolean escalate(ThreatState state, Instant now, boolean precise) {
    Instant deadline = now.plus(policy.shelterLead());
    boolean due = precise;
    for (AreaState area : state.areas.values()) {
      if (area.level() == AlertLevel.PREPARE
          && !area.leaving()
          && !area.warning().earliestArrival().isAfter(deadline)) {
        due = true;
        break;
      }
    }
    if (!due) {
      return false;
    }
    Instant batchDeadline = precise ? Instant.MAX : deadline.plus(SHELTER_BATCH);
    boolean upgraded = false;
    for (Map.Entry<String, AreaState> entry : state.areas.entrySet()) {
      AreaState area = entry.getValue();
      if (area.level() == AlertLevel.PREPARE
          && !area.leaving()
          && !area.warning().earliestArrival().isAfter(batchDeadline)) {
        entry.setValue(area.withLevel(AlertLevel.SHELTER));
        upgraded = true;
      }
    }
    return upgraded;
  }

  private Optional<AlertEvent> emit(
      ThreatState state,
      String threatId,
      Map<String, AlertLevel> before,
      Instant now,
      String reason) {
    if (before.equals(state.levels())) {
      return Optional.empty();
    }
    MessageType type;
    if (before.isEmpty()) {
      type = MessageType.ALERT;
    } else if (state.areas.isEmpty()) {
      type = MessageType.CANCEL;
      reason = "no area is at risk any more: " + reason;
    } else {
      type = MessageType.UPDATE;
    }
    return Optional.of(event(state, threatId, type, state.warnings(), now, reason));
  }

  private static AlertEvent event(
      ThreatState state,
      String threatId,
      MessageType type,
      List<AreaWarning> warnings,
      Instant now,
      String reason) {
    String id = threatId + "-" + ++state.sequence;
    Optional<String> references =
        type == MessageType.ALERT ? Optional.empty() : Optional.ofNullable(state.lastEventId);
    AlertEvent event = new AlertEvent(id, now, threatId, type, warnings, reason, references);
    state.lastEventId = id;
    return event;
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
    static AreaExtent of(Area area, GeoPoint centroid) {
      return new AreaExtent(centroid, Math.sqrt(area.areaKm2() / Math.PI) * 1000);
    }
  }

  private Instant earliestArrival(Footprint footprint, Area area) {
    AreaExtent extent = extents.get(area.id());
    return footprint.earliestArrivalAt(extent.centre(), extent.radiusM());
  }
}
