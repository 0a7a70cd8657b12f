package org.tocsin.cap;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Ukraine's oblast-level codes and names by OCHA P-code, from the bundled {@code
 * ua-region-ids.csv}: the KATOTTG prefix (a prefix of the codes of the places in the oblast, not a
 * code itself), the ISO 3166-2 code and the names.
 */
final class RegionIds {

  private static final String RESOURCE = "/org/tocsin/area/ua-region-ids.csv";
  private static final Map<String, Region> BY_PCODE = load();

  private RegionIds() {}

  /**
   * One oblast (or city with special status).
   *
   * @param iso3166 the ISO 3166-2 code, e.g. {@code UA-12}
   * @param nameUk e.g. {@code Дніпропетровська область}
   * @param nameEn e.g. {@code Dnipropetrovsk Oblast}
   */
  record Region(String iso3166, String nameUk, String nameEn) {}

  static Optional<Region> byPcode(String pcode) {
    return Optional.ofNullable(pcode).map(BY_PCODE::get);
  }

  /** The OCHA P-code of the region with ISO 3166-2 code {@code iso3166} ({@code UA-12}). */
  static Optional<String> pcodeOfIso3166(String iso3166) {
    return BY_PCODE.entrySet().stream()
        .filter(entry -> entry.getValue().iso3166().equalsIgnoreCase(iso3166.strip()))
        .map(Map.Entry::getKey)
        .findFirst();
  }

  private static Map<String, Region> load() {
    Map<String, Region> regions = new HashMap<>();
    try (InputStream in = RegionIds.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String header = reader.readLine();
      if (header == null || !header.startsWith("ocha_pcode,katottg_prefix,iso_3166_2,")) {
        throw new IllegalStateException(RESOURCE + ": unexpected header " + header);
      }
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String[] fields = line.split(",", -1);
        if (fields.length >= 5 && !fields[0].isBlank()) {
          regions.put(
              fields[0].strip(),
              // Column 1, the KATOTTG prefix, is not a code of the region: CAP never carries it.
              new Region(fields[2].strip(), fields[3].strip(), fields[4].strip()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.copyOf(regions);
  }
}
