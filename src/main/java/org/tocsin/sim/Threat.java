package org.tocsin.sim;

import java.time.Instant;
import java.util.Objects;
import org.tocsin.flight.FitConstraint;
import org.tocsin.flight.FitRequest;
import org.tocsin.flight.ThreatClass;
import org.tocsin.geo.GeoPoint;

/**
 * One threat as publicly reported ({@code threats[i]} in {@code docs/SCENARIOS.md}).
 *
 * @param id unique in the scenario
 * @param threatClass the public envelope that sets the ballistic coefficient
 * @param launchPoint where it is launched (height 0)
 * @param launchTime when
 * @param impact the true mean impact point (height 0), known to the simulator only
 * @param constraint the reported flight time ({@code flightTimeS}) or apogee ({@code apogeeKm})
 * @param reentryVehicles how many vehicles come down, at least 1
 * @param dispersionKm radius of the disc around {@code impact} in which they come down (km), not
 *     negative
 */
public record Threat(
    String id,
    ThreatClass threatClass,
    GeoPoint launchPoint,
    Instant launchTime,
    GeoPoint impact,
    FitConstraint constraint,
    int reentryVehicles,
    double dispersionKm) {

  public Threat {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(threatClass, "threatClass");
    Objects.requireNonNull(launchPoint, "launchPoint");
    Objects.requireNonNull(launchTime, "launchTime");
    Objects.requireNonNull(impact, "impact");
    Objects.requireNonNull(constraint, "constraint");
    if (reentryVehicles < 1) {
      throw new IllegalArgumentException(
          "reentry vehicles must be at least 1, was " + reentryVehicles);
    }
    if (!(dispersionKm >= 0) || !Double.isFinite(dispersionKm)) {
      throw new IllegalArgumentException(
          "dispersion must be finite and not negative, was " + dispersionKm + " km");
    }
  }

  /** The fit of the trajectory that comes down at {@code aimPoint}. */
  FitRequest fitRequestTo(GeoPoint aimPoint) {
    return new FitRequest(launchPoint, aimPoint, launchTime, constraint);
  }
}
