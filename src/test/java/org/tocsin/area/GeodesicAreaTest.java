package org.tocsin.area;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.PolygonArea;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/**
 * Areas are checked against GeographicLib's PolygonArea called directly, ring by ring, and against
 * the published figure for a 1° cell at the equator.
 */
class GeodesicAreaTest {

  private static Geometry wkt(String text) throws ParseException {
    return new WKTReader().read(text);
  }

  /** Area of a lon/lat ring in km² by GeographicLib, given as lon, lat pairs (not closed). */
  private static double geographicLibKm2(double... lonLat) {
    PolygonArea polygon = new PolygonArea(Geodesic.WGS84, false);
    for (int i = 0; i < lonLat.length; i += 2) {
      polygon.AddPoint(lonLat[i + 1], lonLat[i]);
    }
    return Math.abs(polygon.Compute(false, true).area) / 1e6;
  }

  @Test
  void aOneDegreeCellAtTheEquatorIsAbout12309SquareKilometres() throws Exception {
    double km2 = GeodesicArea.km2(wkt("POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))"));

    assertThat(km2).isCloseTo(geographicLibKm2(0, 0, 1, 0, 1, 1, 0, 1), within(1e-9));
    assertThat(km2).isCloseTo(12_308.8, within(0.1));
  }

  @Test
  void aOneDegreeCellShrinksWithTheCosineOfLatitude() throws Exception {
    double equator = GeodesicArea.km2(wkt("POLYGON ((30 0, 31 0, 31 1, 30 1, 30 0))"));
    double dnipro = GeodesicArea.km2(wkt("POLYGON ((35 48, 36 48, 36 49, 35 49, 35 48))"));

    // On the ellipsoid an area element is M·N·cos φ dφ dλ, so relative to the equator a small
    // cell scales as cos φ / (1 − e² sin² φ)²: 0.75 % more than cos φ alone at 48.5°N.
    double lat = Math.toRadians(48.5);
    double e2 = org.tocsin.geo.Ellipsoid.WGS84.eccentricitySquared();
    double expected = Math.cos(lat) / Math.pow(1 - e2 * Math.sin(lat) * Math.sin(lat), 2);
    assertThat(dnipro / equator).isCloseTo(expected, within(5e-4));
  }

  @Test
  void ringOrientationDoesNotChangeTheArea() throws Exception {
    double counterClockwise = GeodesicArea.km2(wkt("POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))"));
    double clockwise = GeodesicArea.km2(wkt("POLYGON ((0 0, 0 1, 1 1, 1 0, 0 0))"));

    assertThat(clockwise).isCloseTo(counterClockwise, within(1e-9));
  }

  @Test
  void holesAreSubtractedAndPartsAreSummed() throws Exception {
    double cell = geographicLibKm2(30, 50, 31, 50, 31, 51, 30, 51);
    double hole = geographicLibKm2(30.25, 50.25, 30.75, 50.25, 30.75, 50.75, 30.25, 50.75);
    double other = geographicLibKm2(40, 45, 40.5, 45, 40.5, 45.5, 40, 45.5);

    double withHole =
        GeodesicArea.km2(
            wkt(
                "POLYGON ((30 50, 31 50, 31 51, 30 51, 30 50),"
                    + " (30.25 50.25, 30.25 50.75, 30.75 50.75, 30.75 50.25, 30.25 50.25))"));
    double twoParts =
        GeodesicArea.km2(
            wkt(
                "MULTIPOLYGON (((30 50, 31 50, 31 51, 30 51, 30 50)),"
                    + " ((40 45, 40.5 45, 40.5 45.5, 40 45.5, 40 45)))"));

    assertThat(withHole).isCloseTo(cell - hole, within(1e-6));
    assertThat(twoParts).isCloseTo(cell + other, within(1e-6));
  }

  @Test
  void anAreaMadeInCodeIsMeasuredTheSameWay() throws Exception {
    Area area =
        Area.of("CELL", "Клітинка", "Cell", wkt("POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))"), null);

    assertThat(area.areaKm2()).isCloseTo(12_308.8, within(0.1));
    assertThatThrownBy(() -> Area.of("LINE", "", "", wkt("LINESTRING (0 0, 1 1)"), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("area needs a polygon or multipolygon, was LineString");
  }
}
