package org.tocsin.area;

import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.PolygonArea;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.Polygonal;
import org.tocsin.geo.Ellipsoid;

/**
 * Area of a lon/lat polygon on the WGS84 ellipsoid, by GeographicLib's {@link PolygonArea} (Karney,
 * J. Geodesy 87, 2013): each ring's edges are taken as geodesics, which for the short edges of
 * boundary data differs from the lon/lat-straight edges by far less than the data's own
 * generalisation. Ring orientation is ignored: outer rings add, holes subtract, parts sum.
 */
final class GeodesicArea {

  private static final Geodesic WGS84 =
      new Geodesic(Ellipsoid.WGS84.equatorialRadiusM(), Ellipsoid.WGS84.flattening());

  private GeodesicArea() {}

  /** Area in km² of a polygon or multipolygon given in lon/lat degrees. */
  static double km2(Geometry polygonal) {
    if (!(polygonal instanceof Polygonal)) {
      throw new IllegalArgumentException(
          "area needs a polygon or multipolygon, was " + polygonal.getGeometryType());
    }
    PolygonArea polygonArea = new PolygonArea(WGS84, false);
    double areaM2 = 0;
    for (int i = 0; i < polygonal.getNumGeometries(); i++) {
      Polygon polygon = (Polygon) polygonal.getGeometryN(i);
      areaM2 += ringM2(polygonArea, polygon.getExteriorRing());
      for (int hole = 0; hole < polygon.getNumInteriorRing(); hole++) {
        areaM2 -= ringM2(polygonArea, polygon.getInteriorRingN(hole));
      }
    }
    return Math.max(0, areaM2) / 1e6;
  }

  private static double ringM2(PolygonArea polygonArea, LineString ring) {
    polygonArea.Clear();
    Coordinate[] coordinates = ring.getCoordinates();
    // The closing position repeats the first; PolygonArea closes the ring itself.
    for (int i = 0; i < coordinates.length - 1; i++) {
      polygonArea.AddPoint(coordinates[i].y, coordinates[i].x);
    }
    return Math.abs(polygonArea.Compute(false, true).area);
  }
}
