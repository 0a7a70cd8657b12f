package org.tocsin.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.tocsin.geo.GeoPoint;
import org.tocsin.geo.Geodesics;

/**
 * Where the reentry vehicles of one threat come down: uniform in a disc of the dispersion radius
 * around the mean impact point, then shifted so that their mean is exactly that point, then, if the
 * shift pushed any outside the disc, all scaled toward the centre by the same factor until the
 * farthest is on its rim. Scaling about the centre keeps the mean where the shift put it, so both
 * properties hold exactly (in the local plane; the geodesic mapping to the ground bends that by
 * micrometres at a few kilometres). A single vehicle comes down exactly at the mean.
 */
final class Dispersion {

  private Dispersion() {}

  /**
   * Offsets east and north (m) of {@code count} vehicles from their mean, within {@code radiusM}.
   */
  static List<double[]> offsetsM(int count, double radiusM, Random random) {
    List<double[]> offsets = new ArrayList<>(count);
    double meanEastM = 0;
    double meanNorthM = 0;
    for (int i = 0; i < count; i++) {
      double distanceM = radiusM * Math.sqrt(random.nextDouble());
      double angleRad = 2 * Math.PI * random.nextDouble();
      double eastM = distanceM * Math.sin(angleRad);
      double northM = distanceM * Math.cos(angleRad);
      offsets.add(new double[] {eastM, northM});
      meanEastM += eastM / count;
      meanNorthM += northM / count;
    }
    double farthestM = 0;
    for (double[] offset : offsets) {
      offset[0] -= meanEastM;
      offset[1] -= meanNorthM;
      farthestM = Math.max(farthestM, Math.hypot(offset[0], offset[1]));
    }
    double scale = farthestM > radiusM ? radiusM / farthestM : 1;
    for (double[] offset : offsets) {
      offset[0] *= scale;
      offset[1] *= scale;
    }
    return offsets;
  }

  /** The impact points of {@code count} vehicles spread within {@code radiusM} of {@code mean}. */
  static List<GeoPoint> impactPoints(GeoPoint mean, int count, double radiusM, Random random) {
    List<GeoPoint> points = new ArrayList<>(count);
    for (double[] offset : offsetsM(count, radiusM, random)) {
      double distanceM = Math.hypot(offset[0], offset[1]);
      points.add(
          distanceM == 0
              ? mean.withHeightM(0)
              : Geodesics.WGS84.direct(
                  mean, Math.toDegrees(Math.atan2(offset[0], offset[1])), distanceM));
    }
    return points;
  }
}
