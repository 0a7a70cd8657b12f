package org.tocsin.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.junit.jupiter.api.Test;

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

  @Property(tries = 2000)
  void geodeticToEcefAndBackIsTheIdentity(
      @ForAll @DoubleRange(min = -90, max = 90) double latitudeDeg,
      @ForAll @DoubleRange(min = -180, max = 180, maxIncluded = false) double longitudeDeg,
      @ForAll @DoubleRange(min = -10_000, max = 40_000_000) double heightM) {
    GeoPoint point = new GeoPoint(latitudeDeg, longitudeDeg, heightM);
    GeoPoint back = wgs84.toGeodetic(wgs84.toEcef(point));
    assertThat(back.latitudeDeg()).isCloseTo(latitudeDeg, within(ANGLE_TOLERANCE_DEG));
    if (Math.abs(latitudeDeg) < 90 - 1e-7) {
      assertThat(angleDifferenceDeg(back.longitudeDeg(), longitudeDeg))
          .isCloseTo(0, within(ANGLE_TOLERANCE_DEG));
    }
    assertThat(back.heightM()).isCloseTo(heightM, within(LENGTH_TOLERANCE_M));
  }

  @Property(tries = 1000)
  void sphereRoundTripsToo(
      @ForAll @DoubleRange(min = -89, max = 89) double latitudeDeg,
      @ForAll @DoubleRange(min = -180, max = 180) double longitudeDeg,
      @ForAll @DoubleRange(min = -1_000, max = 5_000_000) double heightM) {
    Ellipsoid sphere = Ellipsoid.sphere(6_371_000);
    GeoPoint point = new GeoPoint(latitudeDeg, longitudeDeg, heightM);
    Vector3D ecef = sphere.toEcef(point);
    assertThat(ecef.getNorm()).isCloseTo(6_371_000 + heightM, within(LENGTH_TOLERANCE_M));
    GeoPoint back = sphere.toGeodetic(ecef);
    assertThat(back.latitudeDeg()).isCloseTo(latitudeDeg, within(ANGLE_TOLERANCE_DEG));
    assertThat(back.heightM()).isCloseTo(heightM, within(LENGTH_TOLERANCE_M));
  }

  @Property(tries = 1000)
  void ecefToEnuAndBackIsTheIdentity(
      @ForAll @DoubleRange(min = -89.9, max = 89.9) double latitudeDeg,
      @ForAll @DoubleRange(min = -180, max = 180) double longitudeDeg,
      @ForAll @DoubleRange(min = -2e6, max = 2e6) double eastM,
      @ForAll @DoubleRange(min = -2e6, max = 2e6) double northM,
      @ForAll @DoubleRange(min = -1e5, max = 2e6) double upM) {
    LocalFrame frame = wgs84.localFrameAt(GeoPoint.of(latitudeDeg, longitudeDeg));
    Vector3D enu = new Vector3D(eastM, northM, upM);
    Vector3D back = frame.toEnu(frame.toEcef(enu));
    assertThat(back.distance(enu)).isLessThan(LENGTH_TOLERANCE_M);
  }

  @Property(tries = 1000)
  void upIsTheEllipsoidNormalSoHeightGrowsAlongIt(
      @ForAll @DoubleRange(min = -89.9, max = 89.9) double latitudeDeg,
      @ForAll @DoubleRange(min = -180, max = 180) double longitudeDeg,
      @ForAll @DoubleRange(min = 0, max = 1e6) double upM) {
    GeoPoint origin = GeoPoint.of(latitudeDeg, longitudeDeg);
    LocalFrame frame = wgs84.localFrameAt(origin);
    GeoPoint above = wgs84.toGeodetic(frame.toEcef(new Vector3D(0, 0, upM)));
    assertThat(above.heightM()).isCloseTo(upM, within(LENGTH_TOLERANCE_M));
    assertThat(above.latitudeDeg()).isCloseTo(latitudeDeg, within(ANGLE_TOLERANCE_DEG));
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
}
