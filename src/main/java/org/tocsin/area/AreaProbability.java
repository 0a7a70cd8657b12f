package org.tocsin.area;

import java.util.Objects;

/**
 * The probability that an impact falls within an area or within the match radius of it.
 *
 * @param area the area
 * @param probability within [0, 1]
 */
public record AreaProbability(Area area, double probability) {

  public AreaProbability {
    Objects.requireNonNull(area, "area");
    if (!(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException(
          "probability must be within [0, 1], was " + probability + " for area " + area.id());
    }
  }
}
