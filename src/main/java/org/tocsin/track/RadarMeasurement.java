package org.tocsin.track;

import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.tocsin.geo.LocalFrame;

/**
 * Range, azimuth and elevation of a point as seen from a site, in the site's east-north-up frame
 * (no refraction).
 *
 * @param rangeM slant range (m), positive
 * @param azimuthRad azimuth, radians clockwise from north, within [0, 2π)
 * @param elevationRad elevation above the local horizontal plane, radians within [−π/2, π/2]
 */
public record RadarMeasurement(double rangeM, double azimuthRad, double elevationRad) {

  public RadarMeasurement {
    if (!(rangeM > 0) || !Double.isFinite(rangeM)) {
      throw new IllegalArgumentException("range must be positive, was " + rangeM + " m");
    }
    if (!(azimuthRad >= 0 && azimuthRad < 2 * Math.PI)) {
      throw new IllegalArgumentException("azimuth must be within [0, 2π) rad, was " + azimuthRad);
    }
    if (!(Math.abs(elevationRad) <= Math.PI / 2)) {
      throw new IllegalArgumentException(
          "elevation must be within [−π/2, π/2] rad, was " + elevationRad);
    }
  }

  /** What a perfect radar at {@code site} measures of the ECEF point {@code targetEcefM}. */
  public static RadarMeasurement of(LocalFrame site, Vector3D targetEcefM) {
    Vector3D enu = site.toEnu(targetEcefM);
    double rangeM = enu.getNorm();
    double azimuthRad = Math.atan2(enu.getX(), enu.getY());
    if (azimuthRad < 0) {
      azimuthRad += 2 * Math.PI;
    }
    if (azimuthRad >= 2 * Math.PI) {
      azimuthRad = 0;
    }
    return new RadarMeasurement(rangeM, azimuthRad, Math.asin(enu.getZ() / rangeM));
  }

  /** The ECEF point (m) that this measurement from {@code site} describes. */
  public Vector3D toEcef(LocalFrame site) {
    double horizontalM = rangeM * Math.cos(elevationRad);
    return site.toEcef(
        new Vector3D(
            horizontalM * Math.sin(azimuthRad),
            horizontalM * Math.cos(azimuthRad),
            rangeM * Math.sin(elevationRad)));
  }
}
