package org.tocsin.cap;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.union.UnaryUnionOp;
import org.tocsin.area.Area;
import org.tocsin.area.AreaSet;

/**
 * The CAP {@code area} of a group of warned areas (one level of one message): one {@code area}
 * whose polygons cover the union of the group (see {@link CapPolygons}) and whose geocodes name
 * each area of the group, as IPAWS messages name every county in one {@code area}.
 *
 * <p>Why one {@code area} and not one per warned area: a message that warns a hundred hromadas with
 * a hundred-point outline each runs to megabytes, beyond what receivers (and Tocsin's own reader)
 * accept, while their union needs a few polygons. CAP reads several polygons and several geocodes
 * in one {@code area} as their union, so the message still warns exactly the union, and a receiver
 * that goes by geocodes still finds every area's own code.
 *
 * <p>Geocodes: each denotes exactly a warned area and nothing larger, since a receiver warns the
 * whole of whatever a code denotes: {@code OCHA_PCODE} (or {@code AREA_ID} for an area set that is
 * not keyed by P-codes), and for an oblast also its {@code ISO_3166_2} code. An oblast's KATOTTG
 * number is only a prefix of the codes of the places in it, not a code, so it is not given. When
 * every area of an oblast is in the group, the oblast's own codes and name stand for them, as a
 * SAME code for a whole state does in IPAWS: they denote exactly the same ground, and a footprint
 * that warns 600 hromadas would otherwise need 600 codes and names in each info block.
 *
 * <p>Outlines are cached by group, a bounded number of groups: a threat's messages repeat their
 * groups (an update, the ready Cancel and all-clear, the two languages).
 */
final class CapAreas {

  private static final Pattern PCODE = Pattern.compile("UA\\d{2}(\\d{2,})?");
  private static final int OBLAST_PCODE_LENGTH = 4;
  private static final int MAX_CACHED_GROUPS = 64;

  private final AreaSet areas;
  private final int maxPolygonPoints;

  /** How many areas of the set lie in each oblast, for the oblasts with known codes. */
  private final Map<String, Long> areasByOblast;

  private final Map<List<String>, List<CapPolygon>> outlines =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<String>, List<CapPolygon>> eldest) {
          return size() > MAX_CACHED_GROUPS;
        }
      };

  CapAreas(AreaSet areas, int maxPolygonPoints) {
    this.areas = Objects.requireNonNull(areas, "areas");
    this.maxPolygonPoints = maxPolygonPoints;
    this.areasByOblast =
        areas.areas().stream()
            .filter(CapAreas::inKnownOblast)
            .collect(Collectors.groupingBy(Area::oblastPcode, Collectors.counting()));
  }

  /** A group's {@code area} in each language: the same outline and codes, named twice. */
  record Named(CapArea uk, CapArea en) {}

  /**
   * The {@code area} of a group, in Ukrainian and in English, worked out once for both.
   *
   * @param areaIds the group's area ids, in the order their names and codes are given
   * @throws IllegalArgumentException when an area is not in the set
   */
  Named of(List<String> areaIds) {
    List<Area> group = areaIds.stream().map(this::area).toList();
    Map<String, Long> inGroupByOblast =
        group.stream()
            .filter(CapAreas::inKnownOblast)
            .collect(Collectors.groupingBy(Area::oblastPcode, Collectors.counting()));
    List<String> namesUk = new ArrayList<>();
    List<String> namesEn = new ArrayList<>();
    List<NamedValue> codes = new ArrayList<>();
    Set<String> oblastsGiven = new HashSet<>();
    for (Area area : group) {
      boolean wholeOblast =
          inKnownOblast(area)
              && inGroupByOblast
                  .get(area.oblastPcode())
                  .equals(areasByOblast.get(area.oblastPcode()));
      if (!wholeOblast) {
        namesUk.add(area.nameUk());
        namesEn.add(area.nameEn());
        codes.addAll(geocodes(area));
      } else if (oblastsGiven.add(area.oblastPcode())) {
        RegionIds.Region region = RegionIds.byPcode(area.oblastPcode()).orElseThrow();
        namesUk.add(region.nameUk());
        namesEn.add(region.nameEn());
        codes.add(new NamedValue("OCHA_PCODE", area.oblastPcode()));
        codes.add(new NamedValue("ISO_3166_2", region.iso3166()));
      }
    }
    List<CapPolygon> outline = outline(areaIds, group);
    return new Named(
        new CapArea(String.join(", ", namesUk), outline, codes),
        new CapArea(String.join(", ", namesEn), outline, codes));
  }

  /** Whether an area lies within an oblast whose codes are known, and is smaller than it. */
  private static boolean inKnownOblast(Area area) {
    return area.oblastPcode() != null
        && !area.oblastPcode().equals(area.id())
        && RegionIds.byPcode(area.oblastPcode()).isPresent();
  }

  private List<CapPolygon> outline(List<String> areaIds, List<Area> group) {
    List<String> key = List.copyOf(areaIds);
    synchronized (outlines) {
      List<CapPolygon> cached = outlines.get(key);
      if (cached != null) {
        return cached;
      }
    }
    Geometry union = UnaryUnionOp.union(group.stream().map(Area::geometry).toList());
    List<CapPolygon> polygons = CapPolygons.covering(union, maxPolygonPoints);
    synchronized (outlines) {
      outlines.put(key, polygons);
    }
    return polygons;
  }

  private Area area(String areaId) {
    return areas
        .byId(areaId)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "area " + areaId + " is not in the area set " + areas.id()));
  }

  /** The codes that denote exactly this area. */
  static List<NamedValue> geocodes(Area area) {
    List<NamedValue> codes = new ArrayList<>();
    boolean pcode = PCODE.matcher(area.id()).matches();
    codes.add(new NamedValue(pcode ? "OCHA_PCODE" : "AREA_ID", area.id()));
    if (pcode && area.id().length() == OBLAST_PCODE_LENGTH) {
      RegionIds.byPcode(area.id())
          .ifPresent(region -> codes.add(new NamedValue("ISO_3166_2", region.iso3166())));
    }
    return codes;
  }
}
