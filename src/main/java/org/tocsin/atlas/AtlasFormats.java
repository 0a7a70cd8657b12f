package org.tocsin.atlas;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.OptionalDouble;
import org.locationtech.jts.io.geojson.GeoJsonWriter;
import org.tocsin.geo.GeoPoint;

/**
 * An atlas as text: a GeoJSON FeatureCollection of the areas, CSV, a JSON summary and the table
 * printed on the command line. Times are in seconds with one decimal; absent times (areas beyond
 * range or beyond the model's reach) are {@code null} in JSON and empty in CSV.
 */
public final class AtlasFormats {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The CSV header, one column per {@link AreaTime} figure. */
  public static final String CSV_HEADER =
      "id,nameEn,nameUk,band,rangeKm,flightTimeS,warningTimeS,launchLat,launchLon,nearestLat,"
          + "nearestLon";

  /** What every flight time is, said in every file written. */
  private static final String FLIGHT_TIME_MEANING =
      "boost allowance plus the minimum-energy arc to the nearest point of the area: a nominal"
          + " planning time, not a bound";

  private AtlasFormats() {}

  /** What the atlas was computed for, as a JSON object (also the GeoJSON's {@code atlas}). */
  public static ObjectNode settings(Atlas atlas) {
    AtlasSettings settings = atlas.settings();
    ObjectNode node = MAPPER.createObjectNode();
    node.put("class", settings.threatClass().id());
    node.put("minRangeKm", settings.threatClass().minRangeKm());
    node.put("maxRangeKm", settings.threatClass().maxRangeKm());
    node.put("ballisticCoefficientKgM2", settings.threatClass().ballisticCoefficientKgM2());
    node.put("boostS", settings.boostS());
    node.put("detectionLatencyS", settings.detectionLatencyS());
    node.put("decisionLatencyS", AtlasSettings.DECISION_LATENCY_S);
    node.put("areaSet", atlas.areaSetId());
    node.put("flightTime", FLIGHT_TIME_MEANING);
    ArrayNode launches = node.putArray("launches");
    for (GeoPoint launch : atlas.launches()) {
      launches.add(point(launch));
    }
    return node;
  }

  /** The whole atlas as one JSON object: the settings and one entry per area, without shapes. */
  public static String json(Atlas atlas) {
    ObjectNode root = MAPPER.createObjectNode();
    root.setAll(settings(atlas));
    ArrayNode areas = root.putArray("areas");
    for (AreaTime time : atlas.areas()) {
      areas.add(properties(time));
    }
    return root.toString();
  }

  /** The areas with their figures as properties; the settings in the foreign member "atlas". */
  public static String geoJson(Atlas atlas) {
    GeoJsonWriter writer = new GeoJsonWriter(5);
    writer.setEncodeCRS(false);
    StringBuilder json = new StringBuilder("{\"type\":\"FeatureCollection\",\"atlas\":");
    json.append(settings(atlas)).append(",\"features\":[");
    boolean first = true;
    for (AreaTime time : atlas.areas()) {
      if (!first) {
        json.append(',');
      }
      first = false;
      json.append("{\"type\":\"Feature\",\"id\":")
          .append(MAPPER.valueToTree(time.area().id()).toString())
          .append(",\"properties\":")
          .append(properties(time))
          .append(",\"geometry\":")
          .append(writer.write(time.area().geometry()))
          .append('}');
    }
    return json.append("]}\n").toString();
  }

  /**
   * An atlas read back for a server ({@link AtlasLayerReader}) as the GeoJSON the page draws: the
   * same shape as {@link #geoJson(Atlas)}, written anew from the checked figures, never echoed.
   */
  public static String geoJson(AtlasLayer layer) {
    ObjectNode settings = MAPPER.createObjectNode();
    settings.put("class", layer.threatClassId());
    settings.put("boostS", layer.boostS());
    settings.put("detectionLatencyS", layer.detectionLatencyS());
    settings.put("decisionLatencyS", layer.decisionLatencyS());
    settings.put("areaSet", layer.areaSetId());
    settings.put("flightTime", FLIGHT_TIME_MEANING);
    ArrayNode launches = settings.putArray("launches");
    for (GeoPoint launch : layer.launches()) {
      launches.add(point(launch));
    }
    GeoJsonWriter writer = new GeoJsonWriter(5);
    writer.setEncodeCRS(false);
    StringBuilder json = new StringBuilder("{\"type\":\"FeatureCollection\",\"atlas\":");
    json.append(settings).append(",\"features\":[");
    boolean first = true;
    for (AtlasLayer.Entry area : layer.areas()) {
      if (!first) {
        json.append(',');
      }
      first = false;
      ObjectNode properties = MAPPER.createObjectNode();
      properties.put("id", area.id());
      properties.put("nameEn", area.nameEn());
      properties.put("nameUk", area.nameUk());
      properties.put("band", area.band().id());
      putSeconds(properties, "flightTimeS", area.flightTimeS());
      putSeconds(properties, "warningTimeS", area.warningTimeS());
      json.append("{\"type\":\"Feature\",\"id\":")
          .append(MAPPER.valueToTree(area.id()).toString())
          .append(",\"properties\":")
          .append(properties)
          .append(",\"geometry\":")
          .append(writer.write(area.geometry()))
          .append('}');
    }
    return json.append("]}\n").toString();
  }

  public static String csv(Atlas atlas) {
    StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
    for (AreaTime time : atlas.areas()) {
      csv.append(
              String.join(
                  ",",
                  quoted(time.area().id()),
                  quoted(time.area().nameEn()),
                  quoted(time.area().nameUk()),
                  time.band().id(),
                  fixed(time.rangeKm(), 1),
                  seconds(time.flightTimeS()),
                  seconds(time.warningTimeS()),
                  fixed(time.launch().latitudeDeg(), 5),
                  fixed(time.launch().longitudeDeg(), 5),
                  fixed(time.nearest().latitudeDeg(), 5),
                  fixed(time.nearest().longitudeDeg(), 5)))
          .append('\n');
    }
    return csv.toString();
  }

  /** The table for people: settings first, then one line per area. */
  public static String table(Atlas atlas) {
    AtlasSettings settings = atlas.settings();
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "Shelter-time atlas, class %s (%.0f–%.0f km, β %.0f kg/m²), %d launch point%s,"
                + " %s%n",
            settings.threatClass().id(),
            settings.threatClass().minRangeKm(),
            settings.threatClass().maxRangeKm(),
            settings.threatClass().ballisticCoefficientKgM2(),
            atlas.launches().size(),
            atlas.launches().size() == 1 ? "" : "s",
            atlas.areaSetId()));
    text.append(
        String.format(
            Locale.ROOT,
            "flight = boost allowance %.0f s + minimum-energy arc (a nominal planning time, not a"
                + " bound);%nwarning = flight − detection latency %.0f s − decision latency %.0f"
                + " s%n",
            settings.boostS(),
            settings.detectionLatencyS(),
            AtlasSettings.DECISION_LATENCY_S));
    text.append(
        String.format(
            Locale.ROOT,
            "%-12s %-32s %9s %9s %9s  %s%n",
            "id",
            "name",
            "range km",
            "flight",
            "warning",
            "band"));
    for (AreaTime time : atlas.areas()) {
      text.append(
          String.format(
              Locale.ROOT,
              "%-12s %-32s %9.1f %9s %9s  %s%n",
              time.area().id(),
              clip(time.area().nameEn(), 32),
              time.rangeKm(),
              minutes(time.flightTimeS()),
              minutes(time.warningTimeS()),
              time.band().id()));
    }
    text.append(
        String.format(
            Locale.ROOT,
            "%d areas: %d within the band, %d short of its minimum range, %d beyond its maximum,"
                + " %d beyond what the flight model flies from the ground%n",
            atlas.areas().size(),
            atlas.count(RangeBand.WITHIN),
            atlas.count(RangeBand.SHORT_OF_MINIMUM),
            atlas.count(RangeBand.BEYOND),
            atlas.count(RangeBand.BEYOND_MODEL_REACH)));
    return text.toString();
  }

  private static ObjectNode properties(AreaTime time) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("id", time.area().id());
    node.put("nameEn", time.area().nameEn());
    node.put("nameUk", time.area().nameUk());
    node.put("band", time.band().id());
    node.put("rangeKm", round(time.rangeKm(), 1));
    putSeconds(node, "flightTimeS", time.flightTimeS());
    putSeconds(node, "warningTimeS", time.warningTimeS());
    node.set("launch", point(time.launch()));
    node.set("nearest", point(time.nearest()));
    return node;
  }

  private static void putSeconds(ObjectNode node, String name, OptionalDouble seconds) {
    if (seconds.isPresent()) {
      node.put(name, round(seconds.getAsDouble(), 1));
    } else {
      node.putNull(name);
    }
  }

  private static ObjectNode point(GeoPoint point) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("lat", round(point.latitudeDeg(), 5));
    node.put("lon", round(point.longitudeDeg(), 5));
    return node;
  }

  private static double round(double value, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }

  private static String fixed(double value, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }

  private static String seconds(OptionalDouble seconds) {
    return seconds.isPresent() ? fixed(seconds.getAsDouble(), 1) : "";
  }

  /** m:ss, or a dash beyond range. */
  static String minutes(OptionalDouble seconds) {
    if (seconds.isEmpty()) {
      return "—";
    }
    long whole = Math.round(seconds.getAsDouble());
    return String.format(Locale.ROOT, "%d:%02d", whole / 60, whole % 60);
  }

  private static String quoted(String text) {
    return text.matches("[^\",\\n\\r]*") ? text : "\"" + text.replace("\"", "\"\"") + "\"";
  }

  private static String clip(String text, int length) {
    return text.length() <= length ? text : text.substring(0, length - 1) + "…";
  }
}
