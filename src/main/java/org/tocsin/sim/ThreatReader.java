package org.tocsin.sim;

import static org.tocsin.sim.MappingReader.Presence.OPTIONAL;
import static org.tocsin.sim.MappingReader.Presence.REQUIRED;

import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.tocsin.flight.FitConstraint;
import org.tocsin.flight.FlightModel;
import org.tocsin.flight.ThreatClass;
import org.tocsin.flight.TrajectoryFitter;
import org.tocsin.geo.GeoPoint;

/**
 * Reads the {@code threats} of a scenario, recording every problem. A threat whose fields are all
 * valid is also fitted once, to its mean impact point, so that a flight time or apogee that no
 * ballistic trajectory of its class can have is refused with the fitter's reason.
 */
final class ThreatReader {

  /** More than any missile carries; each vehicle is fitted, so the bound also bounds the time. */
  private static final Rule MAX_VEHICLES = Rule.within(1, 100);

  /** Beyond the apogee of any arc that comes down within the propagator's six hours. */
  private static final Rule APOGEE_KM =
      new Rule("must be within (0, 100000]", km -> km > 0 && km <= 100_000);

  private final Set<String> ids = new HashSet<>();

  /** The threat, or empty when any of its fields has a problem. */
  Optional<Threat> read(MappingReader threat) {
    Optional<String> id = threat.text("id", REQUIRED);
    boolean unique = id.map(ids::add).orElse(false);
    if (id.isPresent() && !unique) {
      threat.problem("id", "duplicate id '" + id.get() + "'");
    }
    Optional<ThreatClass> threatClass = threatClass(threat);
    Optional<MappingReader> launch = threat.mapping("launch", REQUIRED);
    Optional<GeoPoint> launchPoint = launch.flatMap(ThreatReader::point);
    Optional<Instant> launchTime = launch.flatMap(reader -> reader.instant("time", REQUIRED));
    launch.ifPresent(MappingReader::rejectUnknownFields);
    Optional<MappingReader> impactReader = threat.mapping("impact", REQUIRED);
    Optional<GeoPoint> impact = impactReader.flatMap(ThreatReader::point);
    impactReader.ifPresent(MappingReader::rejectUnknownFields);
    Optional<FitConstraint> constraint = constraint(threat);
    Optional<Long> vehicles = threat.wholeNumber("reentryVehicles", OPTIONAL, MAX_VEHICLES);
    Optional<Double> dispersionKm = threat.number("dispersionKm", OPTIONAL, Rule.NOT_NEGATIVE);
    boolean vehiclesValid = vehicles.isPresent() || !threat.has("reentryVehicles");
    boolean dispersionValid = dispersionKm.isPresent() || !threat.has("dispersionKm");
    threat.rejectUnknownFields();
    if (!unique
        || threatClass.isEmpty()
        || launchPoint.isEmpty()
        || launchTime.isEmpty()
        || impact.isEmpty()
        || constraint.isEmpty()
        || !vehiclesValid
        || !dispersionValid) {
      return Optional.empty();
    }
    Threat read =
        new Threat(
            id.get(),
            threatClass.get(),
            launchPoint.get(),
            launchTime.get(),
            impact.get(),
            constraint.get(),
            Math.toIntExact(vehicles.orElse(1L)),
            dispersionKm.orElse(0.0));
    Optional<String> infeasible = infeasibility(read);
    infeasible.ifPresent(reason -> threat.problem(constraintField(read), reason));
    return infeasible.isEmpty() ? Optional.of(read) : Optional.empty();
  }

  /**
   * Why no ballistic trajectory of the threat's class flies its reported flight time or apogee, in
   * the fitter's own words; empty when one does.
   */
  private static Optional<String> infeasibility(Threat threat) {
    try {
      new TrajectoryFitter(FlightModel.of(threat.threatClass()))
          .fit(threat.fitRequestTo(threat.impact()));
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  private static String constraintField(Threat threat) {
    return threat.constraint() instanceof FitConstraint.FlightTime ? "flightTimeS" : "apogeeKm";
  }

  private static Optional<ThreatClass> threatClass(MappingReader threat) {
    return threat
        .text("class", REQUIRED)
        .flatMap(
            id -> {
              try {
                return Optional.of(ThreatClass.fromId(id));
              } catch (IllegalArgumentException e) {
                threat.problem("class", "must be one of srbm, mrbm, irbm, icbm, was '" + id + "'");
                return Optional.empty();
              }
            });
  }

  /** {@code lat} and {@code lon} of a mapping, as a point at height 0. */
  static Optional<GeoPoint> point(MappingReader mapping) {
    Optional<Double> lat = mapping.number("lat", REQUIRED, Rule.LATITUDE);
    Optional<Double> lon = mapping.number("lon", REQUIRED, Rule.LONGITUDE);
    return lat.isPresent() && lon.isPresent()
        ? Optional.of(GeoPoint.of(lat.get(), lon.get()))
        : Optional.empty();
  }

  private static Optional<FitConstraint> constraint(MappingReader threat) {
    boolean byTime = threat.has("flightTimeS");
    boolean byApogee = threat.has("apogeeKm");
    if (byTime == byApogee) {
      threat.mappingProblem("give exactly one of flightTimeS and apogeeKm");
      return Optional.empty();
    }
    return byTime
        ? threat
            .number("flightTimeS", REQUIRED, Rule.POSITIVE)
            .map(seconds -> new FitConstraint.FlightTime(seconds))
        : threat
            .number("apogeeKm", REQUIRED, APOGEE_KM)
            .map(km -> new FitConstraint.Apogee(km * 1000));
  }
}
