package org.tocsin.area;

import java.util.Objects;
import org.tocsin.geo.GeoPoint;

/**
 * One sample of an impact footprint: a possible impact point and the probability it carries.
 *
 * @param point possible impact point (height ignored)
 * @param weight probability mass of this sample, within [0, 1]; the samples of one footprint sum to
 *     at most 1
 */
public record ImpactSample(GeoPoint point, double weight) {

  public ImpactSample {
    Objects.requireNonNull(point, "point");
    if (!(weight >= 0 && weight <= 1)) {
      throw new IllegalArgumentException("sample weight must be within [0, 1], was " + weight);
    }
  }
}
