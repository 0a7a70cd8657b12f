package org.tocsin.flight;

import java.time.Instant;
import org.tocsin.geo.GeoPoint;

/**
 * The highest point of a flight above the ellipsoid. For a state that is already descending it is
 * the starting point.
 *
 * @param time when it is reached
 * @param point where, with {@code point.heightM()} the apogee height
 */
public record Apogee(Instant time, GeoPoint point) {

  public double heightM() {
    return point.heightM();
  }
}
