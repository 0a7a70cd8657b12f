package org.tocsin.track;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.tocsin.geo.GeoPoint;

/**
 * One radar detection of an object, unlabelled: which threat it belongs to is for tracking to
 * decide. Angles are in the site's local east-north-up frame.
 *
 * @param sensorId the reporting radar
 * @param time when the object was at the measured position (and the report arrives)
 * @param site the radar's position
 * @param measurement measured range, azimuth and elevation
 * @param rangeSigmaM one-sigma range error (m), positive
 * @param azimuthSigmaRad one-sigma azimuth error (rad), positive
 * @param elevationSigmaRad one-sigma elevation error (rad), positive
 */
public record RadarPlot(
    String sensorId,
    Instant time,
    GeoPoint site,
    RadarMeasurement measurement,
    double rangeSigmaM,
    double azimuthSigmaRad,
    double elevationSigmaRad)
    implements Observation {

  public RadarPlot {
    Objects.requireNonNull(sensorId, "sensorId");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(measurement, "measurement");
    if (!(rangeSigmaM > 0) || !(azimuthSigmaRad > 0) || !(elevationSigmaRad > 0)) {
      throw new IllegalArgumentException("radar sigmas must be positive");
    }
  }

  @Override
  public RadarPlot shiftedBy(Duration offset) {
    return new RadarPlot(
        sensorId,
        time.plus(offset),
        site,
        measurement,
        rangeSigmaM,
        azimuthSigmaRad,
        elevationSigmaRad);
  }
}
