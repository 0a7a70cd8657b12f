package org.tocsin.flight;

import java.time.Instant;
import java.util.Objects;
import org.tocsin.geo.GeoPoint;

/**
 * A publicly reported flight to reconstruct: from a launch point at a launch time to an impact
 * point, with the reported flight time or apogee.
 *
 * @param launch launch point (its height is the launch height)
 * @param impact impact point (its height is ignored: impacts are at height 0)
 * @param launchTime launch instant
 * @param constraint the flight time or the apogee
 */
public record FitRequest(
    GeoPoint launch, GeoPoint impact, Instant launchTime, FitConstraint constraint) {

  public FitRequest {
    Objects.requireNonNull(launch, "launch");
    Objects.requireNonNull(impact, "impact");
    Objects.requireNonNull(launchTime, "launch time");
    Objects.requireNonNull(constraint, "constraint");
  }

  public FitRequest withConstraint(FitConstraint newConstraint) {
    return new FitRequest(launch, impact, launchTime, newConstraint);
  }
}
