package org.tocsin.node;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tocsin.alert.AreaWarning;
import org.tocsin.alert.ThreatPhase;
import org.tocsin.alert.WarningPipeline;
import org.tocsin.track.TrackedThreat;

/**
 * What readers see of the engine: its state after a command, taken by the writer and never changed,
 * so that a reader never waits for the writer nor sees a command half done.
 *
 * @param inForce the warnings in force, by threat
 * @param threats the threats tracked
 * @param phases where each threat warned for or tracked is in its life
 */
public record Snapshot(
    Map<String, List<AreaWarning>> inForce,
    List<TrackedThreat> threats,
    Map<String, ThreatPhase> phases) {

  /** Before the first command. */
  static final Snapshot EMPTY = new Snapshot(Map.of(), List.of(), Map.of());

  public Snapshot {
    inForce = Map.copyOf(inForce);
    threats = List.copyOf(threats);
    phases = Map.copyOf(phases);
  }

  /** Where a threat is in its life; empty for a threat not warned for (yet). */
  public Optional<ThreatPhase> phase(String threatId) {
    return Optional.ofNullable(phases.get(threatId));
  }

  /** The pipeline's state now, copied. */
  static Snapshot of(WarningPipeline pipeline) {
    Map<String, List<AreaWarning>> inForce = new HashMap<>();
    pipeline.inForce().forEach((threat, warnings) -> inForce.put(threat, List.copyOf(warnings)));
    List<TrackedThreat> threats = List.copyOf(pipeline.threats());
    Map<String, ThreatPhase> phases = new HashMap<>();
    for (String threat : inForce.keySet()) {
      pipeline.phase(threat).ifPresent(phase -> phases.put(threat, phase));
    }
    for (TrackedThreat threat : threats) {
      pipeline.phase(threat.id()).ifPresent(phase -> phases.put(threat.id(), phase));
    }
    return new Snapshot(inForce, threats, phases);
  }
}
