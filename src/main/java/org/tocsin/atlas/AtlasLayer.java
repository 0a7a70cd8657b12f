package org.tocsin.atlas;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import org.tocsin.geo.GeoPoint;

/**
 * A shelter-time atlas as a server shows it ({@code tocsin serve --atlas FILE}): the figures of
 * every area and its outline, read back from the {@code atlas.geojson} that {@code tocsin atlas
 * --out} writes and checked completely by {@link AtlasLayerReader}. The page draws it as the "time
 * to shelter" layer and gives the figure of the area someone is in.
 *
 * @param areaSetId the area set the atlas was computed for
 * @param threatClassId the class, as in {@code --class}
 * @param boostS the boost allowance in every flight time (s)
 * @param detectionLatencyS the detection latency taken off each flight time (s)
 * @param decisionLatencyS the decision latency taken off each flight time (s)
 * @param launches the launch points
 * @param areas one entry per area, ids unique
 */
public record AtlasLayer(
    String areaSetId,
    String threatClassId,
    double boostS,
    double detectionLatencyS,
    double decisionLatencyS,
    List<GeoPoint> launches,
    List<Entry> areas) {

  public AtlasLayer {
    Objects.requireNonNull(areaSetId, "areaSetId");
    Objects.requireNonNull(threatClassId, "threatClassId");
    launches = List.copyOf(launches);
    areas = List.copyOf(areas);
    Set<String> ids = new LinkedHashSet<>();
    for (Entry area : areas) {
      if (!ids.add(area.id())) {
        throw new IllegalArgumentException("area ids must be unique, '" + area.id() + "' repeats");
      }
    }
  }

  /**
   * One area's figures.
   *
   * @param flightTimeS planning flight time (s), empty beyond the class's reach
   * @param warningTimeS what people have of it (s), empty beyond the class's reach
   * @param geometry the area's outline, longitude and latitude in degrees
   */
  public record Entry(
      String id,
      String nameEn,
      String nameUk,
      RangeBand band,
      OptionalDouble flightTimeS,
      OptionalDouble warningTimeS,
      Geometry geometry) {

    public Entry {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(nameEn, "nameEn");
      Objects.requireNonNull(nameUk, "nameUk");
      Objects.requireNonNull(band, "band");
      Objects.requireNonNull(flightTimeS, "flightTimeS");
      Objects.requireNonNull(warningTimeS, "warningTimeS");
      Objects.requireNonNull(geometry, "geometry");
    }
  }
}
