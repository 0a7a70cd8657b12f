package org.tocsin.cap;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A CAP {@code area}: a description for people, polygons and geocodes for machines. Circles,
 * altitude and ceiling are not kept.
 *
 * @param areaDesc the area's name(s), in the language of its info block
 * @param polygons closed rings in CAP's {@code lat,lon} order
 * @param geocodes codes such as {@code OCHA_PCODE = UA1202001}
 */
public record CapArea(String areaDesc, List<CapPolygon> polygons, List<NamedValue> geocodes) {

  public CapArea {
    Objects.requireNonNull(areaDesc, "areaDesc");
    polygons = List.copyOf(polygons);
    geocodes = List.copyOf(geocodes);
  }

  /** The value of the first geocode with that name, if any. */
  public Optional<String> geocode(String valueName) {
    return geocodes.stream()
        .filter(g -> g.valueName().equals(valueName))
        .map(NamedValue::value)
        .findFirst();
  }
}
