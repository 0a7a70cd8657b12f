package org.tocsin.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.tocsin.alert.Policy;
import org.tocsin.area.Area;
import org.tocsin.area.AreaSet;
import org.tocsin.flight.FitConstraint;
import org.tocsin.flight.ThreatClass;
import org.tocsin.geo.GeoPoint;
import org.tocsin.geo.Geodesics;

/**
 * Generated salvos of short-range missiles over Ukraine's hromadas, for benchmarks and tests of the
 * engine at scale: {@code n} missiles from three launch areas near the border (Belgorod, Kursk,
 * northern Crimea), one every {@link #LAUNCH_INTERVAL} in turn, each at a hromada 80 to 400 km
 * away, seen by a launch-detection satellite and three radars. Combined strikes of 20 to 40
 * ballistic missiles within a few minutes have happened; the benchmark goes to 96.
 */
public final class SalvoScenarios {

  /** One missile from each site in turn, this far apart. */
  static final Duration LAUNCH_INTERVAL = Duration.ofSeconds(3);

  private static final Instant FIRST_LAUNCH = Instant.parse("2025-06-01T02:00:00Z");
  private static final double MIN_RANGE_M = 80_000;
  private static final double MAX_RANGE_M = 400_000;

  private static final List<GeoPoint> SITES =
      List.of(GeoPoint.of(50.60, 36.59), GeoPoint.of(51.73, 36.19), GeoPoint.of(45.71, 34.39));

  private SalvoScenarios() {}

  /**
   * A salvo of {@code missiles} short-range missiles, the same for the same seed.
   *
   * @throws IllegalArgumentException when {@code missiles} is not within [1, 500]
   */
  public static Scenario salvo(int missiles, long seed, AreaSet hromadas) {
    if (missiles < 1 || missiles > 500) {
      throw new IllegalArgumentException("missiles must be within [1, 500], was " + missiles);
    }
    SplittableRandom random = new SplittableRandom(seed);
    List<Area> areas = hromadas.areas();
    List<Threat> threats = new ArrayList<>();
    for (int i = 0; i < missiles; i++) {
      GeoPoint site = SITES.get(i % SITES.size());
      GeoPoint target;
      double rangeM;
      do {
        Area area = areas.get(random.nextInt(areas.size()));
        var centroid = area.geometry().getInteriorPoint();
        target = GeoPoint.of(centroid.getY(), centroid.getX());
        rangeM = Geodesics.WGS84.distanceM(site, target);
      } while (rangeM < MIN_RANGE_M || rangeM > MAX_RANGE_M);
      threats.add(
          new Threat(
              "S" + (i + 1),
              ThreatClass.SRBM,
              site,
              FIRST_LAUNCH.plus(LAUNCH_INTERVAL.multipliedBy(i)),
              target,
              new FitConstraint.Apogee(Math.max(20_000, 0.25 * rangeM)),
              1,
              0));
    }
    return new Scenario(
        "salvo-" + missiles,
        Optional.of("a generated salvo of " + missiles + " short-range missiles"),
        FIRST_LAUNCH.minusSeconds(60),
        seed,
        "ua-hromadas",
        Policy.DEFAULT,
        threats,
        List.of(
            new LaunchDetectionSensor("ir-1", Duration.ofSeconds(20), 3, 5),
            radar("radar-kharkiv", GeoPoint.of(49.80, 36.05)),
            radar("radar-sumy", GeoPoint.of(50.90, 34.80)),
            radar("radar-mykolaiv", GeoPoint.of(47.10, 32.10))));
  }

  private static RadarSensor radar(String id, GeoPoint site) {
    return new RadarSensor(
        id,
        new GeoPoint(site.latitudeDeg(), site.longitudeDeg(), 150),
        Duration.ofSeconds(2),
        50,
        1.0,
        1.0,
        0.5,
        500);
  }
}
