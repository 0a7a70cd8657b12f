package org.tocsin.sim;

import java.time.Duration;
import java.util.Objects;
import org.tocsin.geo.GeoPoint;

/**
 * A radar that measures range, azimuth and elevation of every vehicle it sees ({@code kind:
 * radar}).
 *
 * @param id the sensor's id
 * @param site where it stands, its height ({@code altM}) above the ellipsoid
 * @param period time between two looks, positive ({@code periodS})
 * @param rangeSigmaM one-sigma range error (m), positive
 * @param azimuthSigmaMrad one-sigma azimuth error (mrad), positive
 * @param elevationSigmaMrad one-sigma elevation error (mrad), positive
 * @param minElevationDeg lowest elevation it sees (degrees), within [0, 90)
 * @param maxRangeKm longest slant range it sees (km), positive
 */
public record RadarSensor(
    String id,
    GeoPoint site,
    Duration period,
    double rangeSigmaM,
    double azimuthSigmaMrad,
    double elevationSigmaMrad,
    double minElevationDeg,
    double maxRangeKm)
    implements Sensor {

  public RadarSensor {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(period, "period");
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("period must be positive, was " + period);
    }
    Checks.requirePositive("range sigma (m)", rangeSigmaM);
    Checks.requirePositive("azimuth sigma (mrad)", azimuthSigmaMrad);
    Checks.requirePositive("elevation sigma (mrad)", elevationSigmaMrad);
    Checks.requirePositive("maximum range (km)", maxRangeKm);
    if (!(minElevationDeg >= 0 && minElevationDeg < 90)) {
      throw new IllegalArgumentException(
          "minimum elevation must be within [0, 90) degrees, was " + minElevationDeg);
    }
  }
}
