package org.tocsin.atlas;

import java.util.Objects;
import java.util.OptionalDouble;
import org.tocsin.area.Area;
import org.tocsin.geo.GeoPoint;

/**
 * One area's planning figures.
 *
 * @param area the area
 * @param band where the area lies against the class's range band
 * @param launch the launch point that gives the shortest flight (or, beyond the band, the nearest
 *     one)
 * @param nearest the point of the area nearest that launch point
 * @param rangeKm ground range from that launch point to that point (km)
 * @param flightTimeS planning flight time (s): boost allowance plus the minimum-energy arc; empty
 *     when the band has none
 * @param warningTimeS the flight time less the detection and decision latencies, at least 0 (s);
 *     empty when the band has none
 */
public record AreaTime(
    Area area,
    RangeBand band,
    GeoPoint launch,
    GeoPoint nearest,
    double rangeKm,
    OptionalDouble flightTimeS,
    OptionalDouble warningTimeS) {

  public AreaTime {
    Objects.requireNonNull(area, "area");
    Objects.requireNonNull(band, "band");
    Objects.requireNonNull(launch, "launch");
    Objects.requireNonNull(nearest, "nearest");
    Objects.requireNonNull(flightTimeS, "flightTimeS");
    Objects.requireNonNull(warningTimeS, "warningTimeS");
    if (band.hasTimes() == flightTimeS.isEmpty()
        || flightTimeS.isEmpty() != warningTimeS.isEmpty()) {
      throw new IllegalArgumentException(
          "area "
              + area.id()
              + " must have times exactly when it is not beyond range, was "
              + band);
    }
  }
}
