package org.tocsin.flight;

import java.time.Instant;
import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.tocsin.geo.Ellipsoid;
import org.tocsin.geo.GeoPoint;

/** Initial states for tests and benchmarks: a body leaving a point on the ground. */
final class TestLaunches {

  private TestLaunches() {}

  /**
   * A state at height 0 on {@code ellipsoid} moving at {@code speedMps}, {@code elevationDeg} above
   * the local horizontal, toward {@code azimuthDeg} (clockwise from north).
   */
  static StateVector from(
      Ellipsoid ellipsoid,
      Instant time,
      GeoPoint site,
      double speedMps,
      double elevationDeg,
      double azimuthDeg) {
    double elevation = Math.toRadians(elevationDeg);
    double azimuth = Math.toRadians(azimuthDeg);
    Vector3D enu =
        new Vector3D(
            speedMps * Math.cos(elevation) * Math.sin(azimuth),
            speedMps * Math.cos(elevation) * Math.cos(azimuth),
            speedMps * Math.sin(elevation));
    return new StateVector(
        time, ellipsoid.toEcef(site), ellipsoid.localFrameAt(site).directionToEcef(enu));
  }

  /** The same on WGS84. */
  static StateVector from(
      Instant time, GeoPoint site, double speedMps, double elevationDeg, double azimuthDeg) {
    return from(Ellipsoid.WGS84, time, site, speedMps, elevationDeg, azimuthDeg);
  }
}
