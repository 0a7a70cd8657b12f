package org.tocsin.cap;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A CAP {@code area}: a description for people, polygons, circles and geocodes for machines.
 * Altitude and ceiling are not kept.
 *
 * @param areaDesc the area's name(s), in the language of its info block
 * @param polygons closed rings in CAP's {@code lat,lon} order
 * @param circles circles, as upstream authorities may send them; Tocsin's own messages use none
 * @param geocodes codes such as {@code OCHA_PCODE = UA1202001}
 */
public record CapArea(
    String areaDesc,
    List<CapPolygon> polygons,
    List<CapCircle> circles,
    List<NamedValue> geocodes) {

  public CapArea {
    Objects.requireNonNull(areaDesc, "areaDesc");
    polygons = List.copyOf(polygons);
    circles = List.copyOf(circles);
    geocodes = List.copyOf(geocodes);
  }

  /** An area without circles. */
  public CapArea(String areaDesc, List<CapPolygon> polygons, List<NamedValue> geocodes) {
    this(areaDesc, polygons, List.of(), geocodes);
  }

  /** The value of the first geocode with that name, if any. */
  public Optional<String> geocode(String valueName) {
    return geocodes.stream()
        .filter(g -> g.valueName().equals(valueName))
        .map(NamedValue::value)
        .findFirst();
  }
}
