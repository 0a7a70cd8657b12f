package org.tocsin.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.tocsin.PropertyChecks.doubles;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.tocsin.PropertyChecks;

class GeodesicsTest {

  private final Geodesics geodesics = Geodesics.WGS84;

  @Test
  void oneDegreeOfTheEquatorIsTheEquatorialRadiusTimesPiOver180() {
    assertThat(geodesics.distanceM(GeoPoint.of(0, 0), GeoPoint.of(0, 1)))
        .isCloseTo(6_378_137.0 * Math.PI / 180, within(1e-6));
  }

  @Test
  void quarterMeridianMatchesThePublishedValue() {
    // WGS84 quarter meridian, 10,001,965.729 m (Karney 2013, J. Geodesy 87, table 1 context).
    assertThat(geodesics.distanceM(GeoPoint.of(0, 0), GeoPoint.of(90, 0)))
        .isCloseTo(10_001_965.729, within(1e-3));
  }

  @Test
  void nearlyAntipodalPointsAreSolved() {
    GeodesicPath path = geodesics.inverse(GeoPoint.of(-30, 0), GeoPoint.of(29.9, 179.8));
    assertThat(path.distanceM()).isBetween(19_900_000.0, 20_010_000.0);
  }

  @Test
  void westIsTwoHundredSeventyDegreesFromNorth() {
    GeodesicPath path = geodesics.inverse(GeoPoint.of(48.58, 45.75), GeoPoint.of(48.44, 35.01));
    assertThat(path.initialAzimuthDeg()).isBetween(-100.0, -80.0);
    assertThat(path.distanceM()).isBetween(790_000.0, 796_000.0);
  }

  /**
   * Direct then inverse returns the distance and azimuth, to 1 µm and 1e-7°: coordinates rounded to
   * doubles (1e-14°) leave that much azimuth noise over the shortest lines.
   */
  @Test
  void directThenInverseIsTheIdentity() {
    Gen<Double> latitudes = doubles(-80, 80);
    Gen<Double> longitudes = doubles(-180, 180);
    Gen<Double> azimuths = doubles(-180, 180);
    Gen<Double> distances = doubles(100, 15_000_000);
    Gen<Line> lines =
        in ->
            new Line(
                latitudes.generate(in),
                longitudes.generate(in),
                azimuths.generate(in),
                distances.generate(in));

    PropertyChecks.forAll(
        1000,
        lines,
        line -> {
          GeoPoint from = GeoPoint.of(line.latitudeDeg(), line.longitudeDeg());
          GeoPoint to = geodesics.direct(from, line.azimuthDeg(), line.distanceM());
          GeodesicPath path = geodesics.inverse(from, to);
          assertThat(path.distanceM()).isCloseTo(line.distanceM(), within(1e-6));
          assertThat(Math.IEEEremainder(path.initialAzimuthDeg() - line.azimuthDeg(), 360))
              .isCloseTo(0, within(1e-7));
        });
  }

  private record Line(
      double latitudeDeg, double longitudeDeg, double azimuthDeg, double distanceM) {}
}
