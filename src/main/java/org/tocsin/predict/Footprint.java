package org.tocsin.predict;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.tocsin.area.ImpactSample;
import org.tocsin.flight.FlightTimes;
import org.tocsin.geo.GeoPoint;
import org.tocsin.geo.Geodesics;
import org.tocsin.track.LaunchDetection;

/**
 * Where and when a threat may come down, as predicted at an instant: weighted samples of the impact
 * point for matching against warning areas, the mean impact and its ellipse, and the window of
 * arrival times.
 *
 * @param threatId the threat
 * @param predictedAt the time of the estimate this prediction comes from
 * @param kind a corridor from a bare launch report, or a prediction from radar tracks
 * @param meanImpact the mean predicted impact point
 * @param ellipse its one-sigma ellipse (for a corridor, the corridor's extent)
 * @param earliestArrival the earliest plausible arrival
 * @param meanArrival the mean predicted arrival
 * @param latestArrival the latest plausible arrival
 * @param samples impact samples whose weights sum to at most 1 per tracked object
 * @param groups the number of separately tracked objects the samples describe (weights sum to about
 *     1 within each group)
 * @param launch the launch report, for a corridor, whose arrival times vary along it
 */
public record Footprint(
    String threatId,
    Instant predictedAt,
    Kind kind,
    GeoPoint meanImpact,
    ImpactEllipse ellipse,
    Instant earliestArrival,
    Instant meanArrival,
    Instant latestArrival,
    List<List<ImpactSample>> samples,
    int groups,
    Optional<LaunchDetection> launch) {

  /** Where a footprint comes from. */
  public enum Kind {
    /** The class's range band along the reported heading: no track yet. */
    CORRIDOR,
    /** Propagated from radar track estimates. */
    TRACK
  }

  /** Depressed arcs arrive up to about this share of the minimum-energy flight time. */
  private static final double EARLIEST_ARRIVAL_SHARE = 0.7;

  public Footprint {
    samples = samples.stream().map(List::copyOf).toList();
  }

  /**
   * The earliest plausible arrival in an area: the footprint's earliest arrival for a track, and
   * for a corridor the earliest arrival of a depressed arc over the distance from the launch point
   * to the area's near edge, taken as its centre less its equivalent radius.
   *
   * @param centre the area's centre
   * @param radiusM the radius of a disc of the area's size (m)
   */
  public Instant earliestArrivalAt(GeoPoint centre, double radiusM) {
    if (kind == Kind.TRACK || launch.isEmpty()) {
      return earliestArrival;
    }
    LaunchDetection report = launch.get();
    double rangeM =
        Math.max(1_000, Geodesics.WGS84.distanceM(report.launchPoint(), centre) - radiusM);
    double seconds = EARLIEST_ARRIVAL_SHARE * FlightTimes.minimumEnergyFlightTimeS(rangeM);
    return report.launchTime().plus(Duration.ofMillis(Math.round(seconds * 1000)));
  }
}
