package org.tocsin.cap;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.tocsin.area.Area;
import org.tocsin.area.AreaSet;
import org.tocsin.geo.GeoPoint;

/**
 * Maps the areas of an upstream authority's CAP message to the server's area set.
 *
 * <p>Geocodes come first, since they say exactly what the authority meant: an OCHA P-code names an
 * area of the set, or a larger unit (every area within it), or a smaller one (the area that holds
 * it), P-codes being hierarchical ({@code UA12} ⊃ {@code UA1202} ⊃ {@code UA1202001}); a KATOTTG
 * code ({@code UA12020010000022986}) is read as the P-code of its levels (Ukraine's P-codes are the
 * KATOTTG's level digits); an ISO 3166-2 code ({@code UA-12}) names an oblast; {@code AREA_ID}
 * names an area of the set by its id. Only a CAP area none of whose geocodes is known is mapped by
 * its shapes: every area its polygons or circles touch. A CAP area neither way maps is reported,
 * never dropped in silence: a relay that warns fewer people than the authority asked must say so.
 */
public final class UpstreamAreas {

  /** Segments of the polygon that stands for a circle: a metre-level error on any radius used. */
  private static final int CIRCLE_SEGMENTS = 64;

  private static final double KM_PER_DEGREE_LATITUDE = 111.32;
  private static final Pattern PCODE = Pattern.compile("UA\\d{2}(\\d{2}(\\d{3})?)?");
  private static final Pattern KATOTTG = Pattern.compile("UA\\d{17}");
  private static final GeometryFactory GEOMETRIES = new GeometryFactory();

  private final AreaSet areas;

  public UpstreamAreas(AreaSet areas) {
    this.areas = Objects.requireNonNull(areas, "areas");
  }

  /**
   * What a message's areas came to.
   *
   * @param areaIds the areas of the set, in the set's order, no repeats
   * @param unmapped each CAP area that mapped to none, described for people
   */
  public record Mapping(List<String> areaIds, List<String> unmapped) {
    public Mapping {
      areaIds = List.copyOf(areaIds);
      unmapped = List.copyOf(unmapped);
    }
  }

  /** Maps every area of every info block of {@code alert}. */
  public Mapping map(CapAlert alert) {
    Set<Area> chosen = new LinkedHashSet<>();
    Set<String> unmapped = new LinkedHashSet<>();
    // Each language's info block names the same places: one whose codes and shapes were met in
    // another block is mapped, and reported, once.
    Set<List<?>> seen = new java.util.HashSet<>();
    for (CapInfo info : alert.infos()) {
      for (CapArea area : info.areas()) {
        if (!seen.add(List.of(area.geocodes(), area.polygons(), area.circles()))) {
          continue;
        }
        List<Area> found = new ArrayList<>();
        String why = map(area, found);
        if (found.isEmpty()) {
          unmapped.add(area.areaDesc() + ": " + why);
        }
        chosen.addAll(found);
      }
    }
    return new Mapping(
        areas.areas().stream().filter(chosen::contains).map(Area::id).toList(),
        List.copyOf(unmapped));
  }

  /** Adds the areas that {@code area} denotes to {@code found}; returns why none, if none. */
  private String map(CapArea area, List<Area> found) {
    List<String> unknown = new ArrayList<>();
    for (NamedValue geocode : area.geocodes()) {
      Optional<String> pcode = pcode(geocode);
      if (pcode.isEmpty()) {
        continue;
      }
      List<Area> denoted = byPcode(pcode.get());
      if (denoted.isEmpty()) {
        unknown.add(geocode.valueName() + "=" + geocode.value());
      }
      found.addAll(denoted);
    }
    if (!found.isEmpty()) {
      return "";
    }
    List<String> faults = new ArrayList<>();
    for (CapPolygon polygon : area.polygons()) {
      intersecting(toGeometry(polygon), "polygon", found, faults);
    }
    for (CapCircle circle : area.circles()) {
      intersecting(toGeometry(circle), "circle", found, faults);
    }
    if (!found.isEmpty()) {
      return "";
    }
    List<String> why = new ArrayList<>();
    why.add(
        unknown.isEmpty()
            ? "no geocode this server reads (OCHA P-code, KATOTTG, ISO 3166-2)"
            : "no area of the set " + areas.id() + " has geocode " + String.join(", ", unknown));
    why.add(
        area.polygons().isEmpty() && area.circles().isEmpty()
            ? "no polygon or circle"
            : "its polygons and circles touch no area of the set " + areas.id());
    why.addAll(faults);
    return String.join("; ", why);
  }

  private void intersecting(Geometry shape, String what, List<Area> found, List<String> faults) {
    try {
      found.addAll(areas.intersecting(shape));
    } catch (IllegalArgumentException e) {
      faults.add(what + " not used: " + e.getMessage());
    }
  }

  /** The P-code a geocode stands for, if it is one of the kinds read here. */
  private Optional<String> pcode(NamedValue geocode) {
    String name = geocode.valueName().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
    String value = geocode.value().strip().toUpperCase(Locale.ROOT);
    if (name.contains("KATOTTG") && KATOTTG.matcher(value).matches()) {
      return Optional.of(katottgToPcode(value));
    }
    if (name.contains("PCODE") && PCODE.matcher(value).matches()) {
      return Optional.of(value);
    }
    if (name.contains("ISO31662")) {
      return Optional.of(RegionIds.pcodeOfIso3166(value).orElse(value));
    }
    if (name.equals("AREAID")) {
      return Optional.of(geocode.value().strip());
    }
    return Optional.empty();
  }

  /** The levels of a KATOTTG code (2, 2 and 3 digits after {@code UA}) that are not zeros. */
  static String katottgToPcode(String katottg) {
    String digits = katottg.substring(2);
    StringBuilder pcode = new StringBuilder("UA").append(digits, 0, 2);
    if (!digits.startsWith("00", 2)) {
      pcode.append(digits, 2, 4);
      if (!digits.startsWith("000", 4)) {
        pcode.append(digits, 4, 7);
      }
    }
    return pcode.toString();
  }

  /** The areas a code denotes: the one with that id, those within it, or the one holding it. */
  private List<Area> byPcode(String code) {
    Optional<Area> exact = areas.byId(code);
    if (exact.isPresent()) {
      return List.of(exact.get());
    }
    if (!PCODE.matcher(code).matches()) {
      return List.of();
    }
    List<Area> within = areas.areas().stream().filter(a -> a.id().startsWith(code)).toList();
    if (!within.isEmpty()) {
      return within;
    }
    return areas.areas().stream()
        .filter(a -> PCODE.matcher(a.id()).matches() && code.startsWith(a.id()))
        .toList();
  }

  private static Geometry toGeometry(CapPolygon polygon) {
    Coordinate[] ring =
        polygon.points().stream()
            .map(p -> new Coordinate(p.longitudeDeg(), p.latitudeDeg()))
            .toArray(Coordinate[]::new);
    return GEOMETRIES.createPolygon(ring);
  }

  /**
   * A circle as a polygon in lon/lat degrees. Kilometres are turned into degrees at the centre's
   * latitude (a local, equirectangular approximation): within a fraction of a per cent for the
   * radii of warning areas, away from the poles.
   */
  static Polygon toGeometry(CapCircle circle) {
    GeoPoint centre = circle.centre();
    double radiusKm = Math.max(circle.radiusKm(), 0.01); // a point still touches its area
    double dLat = radiusKm / KM_PER_DEGREE_LATITUDE;
    double dLon = dLat / Math.max(Math.cos(Math.toRadians(centre.latitudeDeg())), 0.01);
    Coordinate[] ring = new Coordinate[CIRCLE_SEGMENTS + 1];
    for (int i = 0; i < CIRCLE_SEGMENTS; i++) {
      double angle = 2 * Math.PI * i / CIRCLE_SEGMENTS;
      ring[i] =
          new Coordinate(
              centre.longitudeDeg() + dLon * Math.cos(angle),
              centre.latitudeDeg() + dLat * Math.sin(angle));
    }
    ring[CIRCLE_SEGMENTS] = ring[0];
    return GEOMETRIES.createPolygon(ring);
  }
}
