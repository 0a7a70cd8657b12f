package org.tocsin.track;

import java.util.List;
import java.util.Optional;
import org.tocsin.flight.ThreatClass;

/**
 * What tracking knows of one threat: the launch report that opened it (absent for a threat first
 * seen by radar), its class, and the current estimates of its confirmed tracks (one per group of
 * objects; usually one).
 *
 * @param id the threat id
 * @param threatClass the class, from the launch report or guessed from the track's speed
 * @param launch the launch report, if any
 * @param tracks current estimates of the threat's confirmed tracks
 */
public record TrackedThreat(
    String id,
    ThreatClass threatClass,
    Optional<LaunchDetection> launch,
    List<TrackEstimate> tracks) {

  public TrackedThreat {
    tracks = List.copyOf(tracks);
  }
}
