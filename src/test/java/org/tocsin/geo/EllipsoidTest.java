package org.tocsin.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.generators.Generate.constant;
import static org.tocsin.PropertyChecks.doubles;
import static org.tocsin.PropertyChecks.doublesBelow;

import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.tocsin.PropertyChecks;

/**
 * Geodetic ⇄ ECEF ⇄ ENU. Tolerances: 1e-9° in angle (0.1 mm on the ground) and 0.1 mm in height,
 * far below any sensor's error and well above double rounding at Earth scale (1 nm).
 */
class EllipsoidTest {

  private static final double ANGLE_TOLERANCE_DEG = 1e-9;
  private static final double LENGTH_TOLERANCE_M = 1e-4;

  private final Ellipsoid wgs84 = Ellipsoid.WGS84;

  @Test
  void equatorAndPoleLieOnTheAxes() {
    Vector3D equator = wgs84.toEcef(GeoPoint.of(0, 0));
    assertThat(equator.getX()).isCloseTo(6_378_137.0, within(1e-9));
    Vector3D pole = wgs84.toEcef(GeoPoint.of(90, 0));
    assertThat(pole.getZ()).isCloseTo(6_356_752.314245, within(1e-6));
    assertThat(pole.getX()).isCloseTo(0, within(1e-6));
  }

  @Test
  void knownPointMatchesPublishedEcef() {
    // Kharkiv, 50 N 36.25 E, 150 m: ECEF by the standard closed form (NIMA TR8350.2, eq. 4-14).
    Vector3D ecef = wgs84.toEcef(new GeoPoint(50, 36.25, 150));
    double n =
        6_378_137.0
            / Math.sqrt(
                1 - wgs84.eccentricitySquared() * Math.pow(Math.sin(Math.toRadians(50)), 2));
    assertThat(ecef.getZ())
        .isCloseTo(
            (n * (1 - wgs84.eccentricitySquared()) + 150) * Math.sin(Math.toRadians(50)),
            within(1e-6));
    assertThat(Math.hypot(ecef.getX(), ecef.getY()))
        .isCloseTo((n + 150) * Math.cos(Math.toRadians(50)), within(1e-6));
  }

  @Test
  void geodeticToEcefAndBackIsTheIdentity() {
    PropertyChecks.forAll(
        2000,
        points(doubles(-90, 90), doublesBelow(-180, 180), doubles(-10_000, 40_000_000)),
        drawn -> {
          GeoPoint back = wgs84.toGeodetic(wgs84.toEcef(drawn.point()));
          assertThat(back.latitudeDeg())
              .isCloseTo(drawn.latitudeDeg(), within(ANGLE_TOLERANCE_DEG));
          if (Math.abs(drawn.latitudeDeg()) < 90 - 1e-7) {
            assertThat(angleDifferenceDeg(back.longitudeDeg(), drawn.longitudeDeg()))
                .isCloseTo(0, within(ANGLE_TOLERANCE_DEG));
          }
          assertThat(back.heightM()).isCloseTo(drawn.heightM(), within(LENGTH_TOLERANCE_M));
        });
  }

  /**
   * Bowring's height and normal against Vermeille's exact conversion, from 10 km below the
   * ellipsoid to 40,000 km: within a micrometre of height (its error is second order in the
   * latitude's) and 2e-8 rad of direction (a vertical speed off by 0.2 mm/s at 8 km/s). Taking the
   * parametric latitude for the geodetic one, without Bowring's step, is 1e-3 rad off and fails.
   */
  @Test
  void bowringsHeightAndNormalAgreeWithTheExactConversion() {
    PropertyChecks.forAll(
        5000,
        points(doubles(-90, 90), doublesBelow(-180, 180), doubles(-10_000, 40_000_000)),
        drawn -> {
          Vector3D ecef = wgs84.toEcef(drawn.point());
          GeoPoint geodetic = wgs84.toGeodetic(ecef);
          double[] heightAndNormal = new double[4];
          wgs84.heightAndNormal(ecef.getX(), ecef.getY(), ecef.getZ(), heightAndNormal);
          Vector3D up = wgs84.localFrameAt(geodetic).up();
          assertThat(heightAndNormal[0]).isCloseTo(geodetic.heightM(), within(1e-6));
          assertThat(wgs84.heightM(ecef.getX(), ecef.getY(), ecef.getZ()))
              .isCloseTo(geodetic.heightM(), within(1e-6));
          Vector3D normal =
              new Vector3D(heightAndNormal[1], heightAndNormal[2], heightAndNormal[3]);
          assertThat(normal.distance(up)).isLessThan(2e-8);
        });
  }

  @Test
  void onASphereTheNormalIsRadialAndTheHeightAboveTheRadius() {
    Ellipsoid sphere = Ellipsoid.sphere(6_371_000);
    double[] heightAndNormal = new double[4];
    sphere.heightAndNormal(3_000_000, -4_000_000, 6_000_000, heightAndNormal);
    double radiusM = Math.sqrt(9e12 + 16e12 + 36e12);
    assertThat(heightAndNormal[0]).isCloseTo(radiusM - 6_371_000, within(1e-6));
    assertThat(heightAndNormal[1]).isCloseTo(3_000_000 / radiusM, within(1e-15));
    assertThat(heightAndNormal[2]).isCloseTo(-4_000_000 / radiusM, within(1e-15));
    assertThat(heightAndNormal[3]).isCloseTo(6_000_000 / radiusM, within(1e-15));
  }

  @Test
  void theNormalOverAPoleIsTheAxis() {
    double[] heightAndNormal = new double[4];
    wgs84.heightAndNormal(0, 0, -7_000_000, heightAndNormal);
    assertThat(heightAndNormal[0]).isCloseTo(7_000_000 - wgs84.polarRadiusM(), within(1e-6));
    assertThat(heightAndNormal[1]).isCloseTo(0, within(1e-15));
    assertThat(heightAndNormal[2]).isCloseTo(0, within(1e-15));
    assertThat(heightAndNormal[3]).isCloseTo(-1, within(1e-15));
  }

  @Test
  void sphereRoundTripsToo() {
    Ellipsoid sphere = Ellipsoid.sphere(6_371_000);
    PropertyChecks.forAll(
        1000,
        points(doubles(-89, 89), doubles(-180, 180), doubles(-1_000, 5_000_000)),
        drawn -> {
          Vector3D ecef = sphere.toEcef(drawn.point());
          assertThat(ecef.getNorm())
              .isCloseTo(6_371_000 + drawn.heightM(), within(LENGTH_TOLERANCE_M));
          GeoPoint back = sphere.toGeodetic(ecef);
          assertThat(back.latitudeDeg())
              .isCloseTo(drawn.latitudeDeg(), within(ANGLE_TOLERANCE_DEG));
          assertThat(back.heightM()).isCloseTo(drawn.heightM(), within(LENGTH_TOLERANCE_M));
        });
  }

  @Test
  void ecefToEnuAndBackIsTheIdentity() {
    PropertyChecks.forAll(
        1000,
        offsets(doubles(-2e6, 2e6), doubles(-2e6, 2e6), doubles(-1e5, 2e6)),
        drawn -> {
          LocalFrame frame = wgs84.localFrameAt(drawn.origin());
          Vector3D back = frame.toEnu(frame.toEcef(drawn.enuM()));
          assertThat(back.distance(drawn.enuM())).isLessThan(LENGTH_TOLERANCE_M);
        });
  }

  @Test
  void upIsTheEllipsoidNormalSoHeightGrowsAlongIt() {
    PropertyChecks.forAll(
        1000,
        offsets(constant(0.0), constant(0.0), doubles(0, 1e6)),
        drawn -> {
          LocalFrame frame = wgs84.localFrameAt(drawn.origin());
          GeoPoint above = wgs84.toGeodetic(frame.toEcef(drawn.enuM()));
          assertThat(above.heightM()).isCloseTo(drawn.upM(), within(LENGTH_TOLERANCE_M));
          assertThat(above.latitudeDeg())
              .isCloseTo(drawn.latitudeDeg(), within(ANGLE_TOLERANCE_DEG));
        });
  }

  @Test
  void eastAndNorthPointTheRightWay() {
    LocalFrame frame = wgs84.localFrameAt(GeoPoint.of(48, 35));
    GeoPoint east = wgs84.toGeodetic(frame.toEcef(new Vector3D(1000, 0, 0)));
    GeoPoint north = wgs84.toGeodetic(frame.toEcef(new Vector3D(0, 1000, 0)));
    assertThat(east.longitudeDeg()).isGreaterThan(35);
    assertThat(north.latitudeDeg()).isGreaterThan(48);
  }

  private static double angleDifferenceDeg(double a, double b) {
    return Math.IEEEremainder(a - b, 360);
  }

  private static Gen<Geodetic> points(
      Gen<Double> latitudesDeg, Gen<Double> longitudesDeg, Gen<Double> heightsM) {
    return in ->
        new Geodetic(latitudesDeg.generate(in), longitudesDeg.generate(in), heightsM.generate(in));
  }

  /** Offsets from origins on the ellipsoid within ±89.9° of latitude, the poles' frames aside. */
  private static Gen<Offset> offsets(Gen<Double> eastsM, Gen<Double> northsM, Gen<Double> upsM) {
    Gen<Double> latitudesDeg = doubles(-89.9, 89.9);
    Gen<Double> longitudesDeg = doubles(-180, 180);
    return in ->
        new Offset(
            latitudesDeg.generate(in),
            longitudesDeg.generate(in),
            eastsM.generate(in),
            northsM.generate(in),
            upsM.generate(in));
  }

  private record Geodetic(double latitudeDeg, double longitudeDeg, double heightM) {
    GeoPoint point() {
      return new GeoPoint(latitudeDeg, longitudeDeg, heightM);
    }
  }

  /** An east-north-up offset in metres from a point on the ellipsoid. */
  private record Offset(
      double latitudeDeg, double longitudeDeg, double eastM, double northM, double upM) {
    GeoPoint origin() {
      return GeoPoint.of(latitudeDeg, longitudeDeg);
    }

    Vector3D enuM() {
      return new Vector3D(eastM, northM, upM);
    }
  }
}
