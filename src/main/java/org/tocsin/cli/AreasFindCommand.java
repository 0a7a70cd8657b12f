package org.tocsin.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.tocsin.area.Area;
import org.tocsin.area.AreaSet;
import org.tocsin.area.AreaSets;
import org.tocsin.geo.GeoPoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tocsin areas find}: the area of a set that holds a point. */
@Command(
    name = "find",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the area of a set that contains a point (its boundary included): id, Ukrainian and"
          + " English names, geodesic area and oblast.",
      "Exit status: 0 when an area contains the point, 3 when none does (at sea, abroad), 2 for"
          + " invalid input."
    })
final class AreasFindCommand implements Callable<Integer> {

  /** Exit status when the point lies in no area of the set. */
  static final int NOT_FOUND = 3;

  private static final String OBLASTS = "ua-oblasts";

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "LAT,LON",
      description = "The point, decimal degrees (write -- before a negative latitude).")
  String point;

  @Option(
      names = "--set",
      defaultValue = "ua-hromadas",
      paramLabel = "ID",
      description =
          "A bundled area set (`tocsin areas list`) or the path of a GeoJSON FeatureCollection"
              + " (default: ua-hromadas).")
  String setId;

  @Option(
      names = "--id-property",
      paramLabel = "NAME",
      description =
          "For a GeoJSON file: the property that holds each area's id (default: the feature's"
              + " id member).")
  String idProperty;

  @Option(names = "--json", description = "Print exactly one JSON object.")
  boolean json;

  @Override
  public Integer call() {
    List<String> problems = new ArrayList<>();
    GeoPoint location = null;
    try {
      location = GeoPoint.parse(point);
    } catch (IllegalArgumentException e) {
      problems.add("LAT,LON: " + e.getMessage());
    }
    AreaSet set = null;
    try {
      set =
          idProperty == null || AreaSets.bundledIds().contains(setId)
              ? AreaSets.load(setId)
              : AreaSets.load(setId, idProperty);
    } catch (IllegalArgumentException | UncheckedIOException e) {
      problems.add("--set: " + e.getMessage());
    }
    if (!problems.isEmpty()) {
      PrintWriter err = spec.commandLine().getErr();
      problems.forEach(problem -> err.println("error: " + problem));
      err.flush();
      return ErrorHandler.BAD_INPUT;
    }
    Optional<Area> found = set.containing(location);
    Optional<Area> oblast =
        found.map(Area::oblastPcode).flatMap(code -> AreaSets.bundled(OBLASTS).byId(code));
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(toJson(set, location, found, oblast));
    } else if (found.isPresent()) {
      out.println(toText(set, found.get(), oblast));
    } else {
      out.println("no area of " + set.id() + " contains " + point.strip());
    }
    out.flush();
    return found.isPresent() ? 0 : NOT_FOUND;
  }

  private static String toText(AreaSet set, Area area, Optional<Area> oblast) {
    String oblastText =
        area.oblastPcode() == null
            ? "(not given)"
            : area.oblastPcode() + oblast.map(o -> "  " + names(o)).orElse("");
    return String.join(
        System.lineSeparator(),
        area.id() + "  " + names(area),
        "  set      " + set.id(),
        String.format(Locale.ROOT, "  area     %,.1f km²", area.areaKm2()),
        "  oblast   " + oblastText);
  }

  private static String names(Area area) {
    return area.nameUk().equals(area.nameEn())
        ? area.nameUk()
        : area.nameUk() + " / " + area.nameEn();
  }

  private static String toJson(
      AreaSet set, GeoPoint location, Optional<Area> found, Optional<Area> oblast) {
    ObjectNode root = new ObjectMapper().createObjectNode();
    root.put("set", set.id());
    root.putObject("point").put("lat", location.latitudeDeg()).put("lon", location.longitudeDeg());
    if (found.isEmpty()) {
      root.putNull("area");
      return root.toString();
    }
    Area area = found.get();
    ObjectNode node = root.putObject("area");
    node.put("id", area.id());
    node.put("nameUk", area.nameUk());
    node.put("nameEn", area.nameEn());
    node.put("areaKm2", AreasListCommand.roundedKm2(area.areaKm2()));
    node.put("oblast", area.oblastPcode());
    node.put("oblastNameUk", oblast.map(Area::nameUk).orElse(null));
    node.put("oblastNameEn", oblast.map(Area::nameEn).orElse(null));
    return root.toString();
  }
}
