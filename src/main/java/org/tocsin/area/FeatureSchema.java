package org.tocsin.area;

import java.util.List;

/**
 * Where a GeoJSON feature keeps an area's id and names.
 *
 * <p>Names are taken from the first of their properties that a feature has; when it has none of one
 * language, the other language's name stands in, and the id when it has neither. The oblast is
 * always read from the property {@code ADM1_PCODE}, and the population from {@code population},
 * where present.
 *
 * @param idProperty the property that holds the id, or {@code null} for the feature's own {@code
 *     id} member
 * @param nameUkProperties properties that may hold the Ukrainian name, in order of preference
 * @param nameEnProperties properties that may hold the English name, in order of preference
 */
public record FeatureSchema(
    String idProperty, List<String> nameUkProperties, List<String> nameEnProperties) {

  /** The property that holds the oblast's P-code in OCHA boundary data. */
  static final String OBLAST_PROPERTY = "ADM1_PCODE";

  /** The property that holds the number of people living in an area, where a set has it. */
  static final String POPULATION_PROPERTY = "population";

  public FeatureSchema {
    if (idProperty != null && idProperty.isBlank()) {
      throw new IllegalArgumentException("id property must not be blank");
    }
    nameUkProperties = List.copyOf(nameUkProperties);
    nameEnProperties = List.copyOf(nameEnProperties);
  }

  /**
   * Ids from each feature's {@code id} member, names from {@code name_uk}, {@code name_en} or
   * {@code name}.
   */
  public static FeatureSchema featureIds() {
    return new FeatureSchema(null, List.of("name_uk", "name"), List.of("name_en", "name"));
  }

  /**
   * Ids from the given property, or from each feature's {@code id} member when it is {@code null};
   * names as in {@link #featureIds()}.
   */
  public static FeatureSchema idProperty(String idProperty) {
    if (idProperty == null) {
      return featureIds();
    }
    return new FeatureSchema(idProperty, List.of("name_uk", "name"), List.of("name_en", "name"));
  }

  /**
   * OCHA COD-AB administrative level {@code level} (1 to 3): ids from {@code ADMn_PCODE}, names
   * from {@code ADMn_UA} and {@code ADMn_EN}.
   */
  static FeatureSchema ocha(int level) {
    String prefix = "ADM" + level + "_";
    return new FeatureSchema(prefix + "PCODE", List.of(prefix + "UA"), List.of(prefix + "EN"));
  }
}
