package org.tocsin.sim;

import static org.tocsin.sim.MappingReader.Presence.REQUIRED;

import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.tocsin.geo.GeoPoint;

/** Reads the {@code sensors} of a scenario, recording every problem. */
final class SensorReader {

  static final String LAUNCH_DETECTION = "launch-detection";
  static final String RADAR = "radar";

  /** Shorter periods would only multiply the plots; real radars look a few times a second. */
  private static final Rule MIN_PERIOD_S = Rule.atLeast(0.01);

  private final Set<String> ids = new HashSet<>();

  /** The sensor, or empty when any of its fields has a problem. */
  Optional<Sensor> read(MappingReader sensor) {
    Optional<String> id = sensor.text("id", REQUIRED);
    boolean unique = id.map(ids::add).orElse(false);
    if (id.isPresent() && !unique) {
      sensor.problem("id", "duplicate id '" + id.get() + "'");
    }
    Optional<String> kind = sensor.text("kind", REQUIRED);
    if (kind.isEmpty()) {
      return Optional.empty(); // without a kind, which fields belong is unknown
    }
    Optional<Sensor> read;
    switch (kind.get()) {
      case LAUNCH_DETECTION -> read = launchDetection(sensor, id);
      case RADAR -> read = radar(sensor, id);
      default -> {
        sensor.problem("kind", "must be launch-detection or radar, was '" + kind.get() + "'");
        return Optional.empty();
      }
    }
    sensor.rejectUnknownFields();
    return unique ? read : Optional.empty();
  }

  private static Optional<Sensor> launchDetection(MappingReader sensor, Optional<String> id) {
    Optional<Double> latencyS = sensor.number("latencyS", REQUIRED, Rule.POSITIVE);
    Optional<Double> positionSigmaKm = sensor.number("positionSigmaKm", REQUIRED, Rule.POSITIVE);
    Optional<Double> headingSigmaDeg = sensor.number("headingSigmaDeg", REQUIRED, Rule.POSITIVE);
    if (!allPresent(id, latencyS, positionSigmaKm, headingSigmaDeg)) {
      return Optional.empty();
    }
    return Optional.of(
        new LaunchDetectionSensor(
            id.get(), seconds(latencyS.get()), positionSigmaKm.get(), headingSigmaDeg.get()));
  }

  private static Optional<Sensor> radar(MappingReader sensor, Optional<String> id) {
    Optional<MappingReader> siteReader = sensor.mapping("site", REQUIRED);
    Optional<GeoPoint> site = siteReader.flatMap(SensorReader::site);
    siteReader.ifPresent(MappingReader::rejectUnknownFields);
    Optional<Double> periodS = sensor.number("periodS", REQUIRED, MIN_PERIOD_S);
    Optional<Double> rangeSigmaM = sensor.number("rangeSigmaM", REQUIRED, Rule.POSITIVE);
    Optional<Double> azimuthSigmaMrad = sensor.number("azimuthSigmaMrad", REQUIRED, Rule.POSITIVE);
    Optional<Double> elevationSigmaMrad =
        sensor.number("elevationSigmaMrad", REQUIRED, Rule.POSITIVE);
    Optional<Double> minElevationDeg =
        sensor.number(
            "minElevationDeg",
            REQUIRED,
            new Rule("must be within [0, 90)", value -> value >= 0 && value < 90));
    Optional<Double> maxRangeKm = sensor.number("maxRangeKm", REQUIRED, Rule.POSITIVE);
    if (!allPresent(
        id,
        site,
        periodS,
        rangeSigmaM,
        azimuthSigmaMrad,
        elevationSigmaMrad,
        minElevationDeg,
        maxRangeKm)) {
      return Optional.empty();
    }
    return Optional.of(
        new RadarSensor(
            id.get(),
            site.get(),
            seconds(periodS.get()),
            rangeSigmaM.get(),
            azimuthSigmaMrad.get(),
            elevationSigmaMrad.get(),
            minElevationDeg.get(),
            maxRangeKm.get()));
  }

  private static Optional<GeoPoint> site(MappingReader site) {
    Optional<GeoPoint> point = ThreatReader.point(site);
    Optional<Double> altM = site.number("altM", REQUIRED, Rule.ANY);
    return point.isPresent() && altM.isPresent()
        ? Optional.of(point.get().withHeightM(altM.get()))
        : Optional.empty();
  }

  private static boolean allPresent(Optional<?>... values) {
    return Stream.of(values).allMatch(Optional::isPresent);
  }

  /** Positive seconds as written in a scenario, to the nanosecond, and at least 1 ns. */
  static Duration seconds(double seconds) {
    return Duration.ofNanos(Math.max(1, Math.round(seconds * 1e9)));
  }
}
