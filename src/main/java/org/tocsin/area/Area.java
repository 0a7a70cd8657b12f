package org.tocsin.area;

import java.util.Objects;
import java.util.OptionalLong;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;

/**
 * One warning area: an administrative unit, or any polygon that people are warned by.
 *
 * <p>The geometry is in WGS84 longitude (x) and latitude (y), in degrees; its edges are straight
 * lines in those coordinates, as in GeoJSON. JTS geometries are mutable: treat this one as
 * read-only, since the area set's indexes are built from it.
 *
 * @param id unique id within its set; for the bundled sets the OCHA P-code, e.g. {@code UA1202001}
 * @param nameUk name in Ukrainian (or the set's first name property)
 * @param nameEn name in English (or the set's first name property)
 * @param geometry a non-empty, valid {@link org.locationtech.jts.geom.Polygon} or {@link
 *     org.locationtech.jts.geom.MultiPolygon} in lon/lat degrees
 * @param areaKm2 geodesic area on the WGS84 ellipsoid in km², holes subtracted, parts summed
 * @param oblastPcode P-code of the oblast the area lies in (property {@code ADM1_PCODE}), or {@code
 *     null} when the source does not give one
 * @param population the people who live there (property {@code population}), where the source gives
 *     it; the bundled sets do not
 */
public record Area(
    String id,
    String nameUk,
    String nameEn,
    Geometry geometry,
    double areaKm2,
    String oblastPcode,
    OptionalLong population) {

  public Area {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(nameUk, "nameUk");
    Objects.requireNonNull(nameEn, "nameEn");
    Objects.requireNonNull(geometry, "geometry");
    Objects.requireNonNull(population, "population");
    if (population.isPresent() && population.getAsLong() < 0) {
      throw new IllegalArgumentException(
          "area " + id + " must have a population of at least 0, was " + population.getAsLong());
    }
    if (id.isBlank()) {
      throw new IllegalArgumentException("area id must not be blank");
    }
    if (!(geometry instanceof Polygonal) || geometry.isEmpty()) {
      throw new IllegalArgumentException(
          "area " + id + " must be a non-empty polygon, was " + geometry.getGeometryType());
    }
    if (!(areaKm2 >= 0) || !Double.isFinite(areaKm2)) {
      throw new IllegalArgumentException(
          "area " + id + " must have a finite, non-negative area, was " + areaKm2 + " km²");
    }
  }

  /**
   * An area whose size is measured here, on the WGS84 ellipsoid.
   *
   * @throws IllegalArgumentException when the geometry is not a non-empty polygon or multipolygon
   */
  public static Area of(
      String id, String nameUk, String nameEn, Geometry geometry, String oblastPcode) {
    return new Area(
        id,
        nameUk,
        nameEn,
        geometry,
        GeodesicArea.km2(geometry),
        oblastPcode,
        OptionalLong.empty());
  }
}
