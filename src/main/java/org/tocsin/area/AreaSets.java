package org.tocsin.area;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where area sets come from: the bundled Ukrainian sets, or GeoJSON FeatureCollections of polygons.
 *
 * <p>The bundled sets are OCHA's Common Operational Dataset of administrative boundaries (COD-AB,
 * simplified; see {@code ATTRIBUTION.txt} beside them), with the OCHA P-codes as ids:
 *
 * <ul>
 *   <li>{@code ua-oblasts}: 24 oblasts, Crimea, Kyiv city and Sevastopol (27 areas);
 *   <li>{@code ua-raions}: the raions of the 2020 reform and three special units (139 areas);
 *   <li>{@code ua-hromadas}: the hromadas, Crimea on the earlier scheme (1,769 areas).
 * </ul>
 */
public final class AreaSets {

  private static final Map<String, Bundled> BUNDLED = new LinkedHashMap<>();

  static {
    BUNDLED.put("ua-oblasts", new Bundled("ua-oblasts", FeatureSchema.ocha(1)));
    BUNDLED.put("ua-raions", new Bundled("ua-raions", FeatureSchema.ocha(2)));
    BUNDLED.put("ua-hromadas", new Bundled("ua-hromadas", FeatureSchema.ocha(3)));
  }

  private AreaSets() {}

  /** The ids of the bundled sets, from the coarsest to the finest. */
  public static List<String> bundledIds() {
    return List.copyOf(BUNDLED.keySet());
  }

  /**
   * A bundled set, loaded on first use and then shared.
   *
   * @throws IllegalArgumentException when no bundled set has that id
   */
  public static AreaSet bundled(String id) {
    Bundled bundled = BUNDLED.get(id);
    if (bundled == null) {
      throw new IllegalArgumentException(
          "no bundled area set '" + id + "'; bundled sets are " + String.join(", ", bundledIds()));
    }
    return bundled.get();
  }

  /**
   * A bundled set by id, or else the GeoJSON file at that path, with ids from each feature's {@code
   * id} member (see {@link FeatureSchema#featureIds()}). A file's set id is the path as given.
   *
   * @throws IllegalArgumentException when it is neither, or the file is not a valid collection
   */
  public static AreaSet load(String idOrPath) {
    if (BUNDLED.containsKey(idOrPath)) {
      return bundled(idOrPath);
    }
    return load(idOrPath, null);
  }

  /**
   * The GeoJSON file at {@code path}, with ids from the property {@code idProperty}, or from each
   * feature's {@code id} member when it is {@code null}.
   *
   * @throws IllegalArgumentException when the file is missing or not a valid collection; the
   *     message starts with the path
   * @throws UncheckedIOException when the file exists but cannot be read
   */
  public static AreaSet load(String path, String idProperty) {
    Objects.requireNonNull(path, "path");
    Path file = Path.of(path);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "'"
              + path
              + "' is neither a bundled area set ("
              + String.join(", ", bundledIds())
              + ") nor a GeoJSON file");
    }
    try (InputStream in = Files.newInputStream(file)) {
      return fromGeoJson(path, in, FeatureSchema.idProperty(idProperty));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  /**
   * A set read from a GeoJSON FeatureCollection, with ids from the property {@code idProperty}, or
   * from each feature's {@code id} member when it is {@code null}.
   *
   * @see #fromGeoJson(String, InputStream, FeatureSchema)
   */
  public static AreaSet fromGeoJson(String setId, InputStream in, String idProperty) {
    return fromGeoJson(setId, in, FeatureSchema.idProperty(idProperty));
  }

  /**
   * A set read from a GeoJSON FeatureCollection (RFC 7946) whose features are Polygons or
   * MultiPolygons in WGS84 longitude and latitude. The stream is read to its end, not closed.
   *
   * <p>Refused, with an {@link IllegalArgumentException} whose message names the feature by index
   * and id and says the fault (e.g. {@code feature 12 (UA1202001): ring 0 has 3 positions, needs at
   * least 4}): input that is not a FeatureCollection, an empty collection, a feature without
   * geometry or with another geometry type, a missing or duplicate id, a position out of range, a
   * ring with fewer than 4 positions or not closed. A polygon that is invalid but readable (a
   * self-intersection, a bow-tie) is repaired and noted in {@link AreaSet#repairs()}; if repair
   * leaves nothing, it is refused.
   *
   * @throws UncheckedIOException when the stream cannot be read
   */
  public static AreaSet fromGeoJson(String setId, InputStream in, FeatureSchema schema) {
    Objects.requireNonNull(setId, "setId");
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(schema, "schema");
    GeoJsonAreaReader.Loaded loaded = GeoJsonAreaReader.read(in, schema);
    return new AreaSet(setId, loaded.areas(), loaded.repairs());
  }

  /** A bundled set, loaded once from the resources beside this class. */
  private static final class Bundled {
    private final String id;
    private final FeatureSchema schema;
    private AreaSet set;

    Bundled(String id, FeatureSchema schema) {
      this.id = id;
      this.schema = schema;
    }

    synchronized AreaSet get() {
      if (set == null) {
        String resource = id + ".geojson";
        try (InputStream in = AreaSets.class.getResourceAsStream(resource)) {
          if (in == null) {
            throw new IllegalStateException("bundled area set " + resource + " is missing");
          }
          set = fromGeoJson(id, in, schema);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read bundled area set " + resource, e);
        }
      }
      return set;
    }
  }
}
