package org.tocsin.atlas;

import java.util.List;
import java.util.Objects;
import org.tocsin.geo.GeoPoint;

/**
 * A shelter-time atlas: each area's planning flight and warning times from a set of launch points.
 *
 * @param settings the class and allowances it was computed for
 * @param areaSetId the id of the area set
 * @param launches the launch points (for a region, its sample points)
 * @param areas one entry per area, in the set's order
 */
public record Atlas(
    AtlasSettings settings, String areaSetId, List<GeoPoint> launches, List<AreaTime> areas) {

  public Atlas {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(areaSetId, "areaSetId");
    launches = List.copyOf(launches);
    areas = List.copyOf(areas);
  }

  /** How many areas lie in a band. */
  public long count(RangeBand band) {
    return areas.stream().filter(time -> time.band() == band).count();
  }
}
