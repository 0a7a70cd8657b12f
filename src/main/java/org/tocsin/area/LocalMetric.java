package org.tocsin.area;

import java.util.function.Consumer;
import org.locationtech.jts.geom.Envelope;
import org.tocsin.geo.Ellipsoid;

/**
 * Distances on the WGS84 ellipsoid from one origin to nearby lon/lat points and edges, in metres,
 * without solving a geodesic per vertex.
 *
 * <p>Design note. A vertex at (φ, λ) is mapped to the plane around the origin (φ₀, λ₀) by the
 * mid-latitude formulas
 *
 * <pre>
 *   x = Δλ · N(φ₀) · cos((φ₀ + φ) / 2),     y = Δφ · M(φ₀)
 * </pre>
 *
 * where N and M are the prime-vertical and meridional radii of curvature. The distance √(x² + y²)
 * from the origin is the classic mid-latitude approximation of the geodesic distance: its relative
 * error grows like (d / R)², about 10⁻⁴ at 100 km away (checked against GeographicLib in the
 * tests), far below the 1 % asked of buffer radii up to 100 km. The cosine is expanded to second
 * order in Δφ, so a vertex costs a few multiplications. An edge is taken as the straight segment
 * between its mapped end points; a lon/lat-straight edge bends in this plane by a sagitta that
 * grows with its length squared, a few metres for a 20 km edge. Longitude differences are wrapped
 * into [−180°, 180°], so areas either side of the antimeridian are measured correctly; the mapping
 * is not meant for points within a few degrees of a pole.
 */
final class LocalMetric {

  private static final double RAD_PER_DEG = Math.PI / 180;
  private static final double A_M = Ellipsoid.WGS84.equatorialRadiusM();
  private static final double E2 = Ellipsoid.WGS84.eccentricitySquared();

  /** Margin on the search window for the neglected higher-order terms. */
  private static final double WINDOW_MARGIN = 1.02;

  private final double latDeg;
  private final double lonDeg;
  private final double cosLat;
  private final double halfSinLat;
  private final double eighthCosLat;
  private final double xPerDegM;
  private final double yPerDegM;

  LocalMetric(double latDeg, double lonDeg) {
    this.latDeg = latDeg;
    this.lonDeg = lonDeg;
    double lat = latDeg * RAD_PER_DEG;
    double sinLat = Math.sin(lat);
    double w = Math.sqrt(1 - E2 * sinLat * sinLat);
    this.cosLat = Math.cos(lat);
    this.halfSinLat = sinLat / 2;
    this.eighthCosLat = cosLat / 8;
    this.xPerDegM = A_M / w * RAD_PER_DEG;
    this.yPerDegM = A_M * (1 - E2) / (w * w * w) * RAD_PER_DEG;
  }

  /** East offset in metres of a point from the origin. */
  double x(double lonDeg, double latDeg) {
    double dLatRad = (latDeg - this.latDeg) * RAD_PER_DEG;
    return wrap(lonDeg - this.lonDeg)
        * xPerDegM
        * (cosLat - halfSinLat * dLatRad - eighthCosLat * dLatRad * dLatRad);
  }

  /** North offset in metres of a point from the origin. */
  double y(double latDeg) {
    return (latDeg - this.latDeg) * yPerDegM;
  }

  /** Distance in metres from the origin to a point. */
  double distanceM(double lonDeg, double latDeg) {
    return Math.hypot(x(lonDeg, latDeg), y(latDeg));
  }

  /**
   * Squared distance in m² from the origin to the polyline through {@code count} vertices stored as
   * lon, lat pairs in {@code lonLat} from index {@code offset} (a pair per vertex).
   */
  double polylineDistanceSquared(double[] lonLat, int offset, int count) {
    double x1 = x(lonLat[offset], lonLat[offset + 1]);
    double y1 = y(lonLat[offset + 1]);
    double best = x1 * x1 + y1 * y1;
    for (int i = 1; i < count; i++) {
      int at = offset + 2 * i;
      double x2 = x(lonLat[at], lonLat[at + 1]);
      double y2 = y(lonLat[at + 1]);
      best = Math.min(best, segmentDistanceSquared(x1, y1, x2, y2));
      x1 = x2;
      y1 = y2;
    }
    return best;
  }

  /** Squared distance from the origin to the segment between two planar points. */
  static double segmentDistanceSquared(double x1, double y1, double x2, double y2) {
    double dx = x2 - x1;
    double dy = y2 - y1;
    double lengthSquared = dx * dx + dy * dy;
    double t = lengthSquared > 0 ? -(x1 * dx + y1 * dy) / lengthSquared : 0;
    if (t <= 0) {
      return x1 * x1 + y1 * y1;
    }
    if (t >= 1) {
      return x2 * x2 + y2 * y2;
    }
    double px = x1 + t * dx;
    double py = y1 + t * dy;
    return px * px + py * py;
  }

  /**
   * A lower bound in metres of the distance from the origin to any point of a lon/lat envelope, to
   * skip a chunk of edges without mapping its vertices.
   */
  double envelopeDistanceLowerBoundM(Envelope envelope) {
    double dLatDeg =
        Math.max(0, Math.max(envelope.getMinY() - latDeg, latDeg - envelope.getMaxY()));
    double dLonDeg = 0;
    if (lonDeg < envelope.getMinX() || lonDeg > envelope.getMaxX()) {
      dLonDeg =
          Math.min(
              Math.abs(wrap(envelope.getMinX() - lonDeg)),
              Math.abs(wrap(lonDeg - envelope.getMaxX())));
    }
    double dLatMinRad = (envelope.getMinY() - latDeg) * RAD_PER_DEG;
    double dLatMaxRad = (envelope.getMaxY() - latDeg) * RAD_PER_DEG;
    // The second-order cosine is concave in Δφ, so its least value on the envelope is at an edge.
    double cosFactor =
        Math.max(
            0,
            Math.min(
                cosLat - halfSinLat * dLatMinRad - eighthCosLat * dLatMinRad * dLatMinRad,
                cosLat - halfSinLat * dLatMaxRad - eighthCosLat * dLatMaxRad * dLatMaxRad));
    double xM = dLonDeg * xPerDegM * cosFactor;
    double yM = dLatDeg * yPerDegM;
    return Math.sqrt(xM * xM + yM * yM);
  }

  /**
   * The lon/lat window that holds every point within {@code radiusM} of the origin. Its longitude
   * range may reach beyond ±180° near the antimeridian; {@link #forEachWindow} splits it.
   */
  Envelope window(double radiusM) {
    double halfLatDeg = radiusM / yPerDegM * WINDOW_MARGIN;
    double farthestLatRad = Math.min(90, Math.abs(latDeg) + halfLatDeg) * RAD_PER_DEG;
    double cosFar = Math.cos(farthestLatRad);
    double halfLonDeg =
        cosFar < 1e-6 ? 180 : Math.min(180, radiusM / (xPerDegM * cosFar) * WINDOW_MARGIN);
    return new Envelope(
        lonDeg - halfLonDeg,
        lonDeg + halfLonDeg,
        Math.max(-90, latDeg - halfLatDeg),
        Math.min(90, latDeg + halfLatDeg));
  }

  /** Calls {@code action} with the window, or its parts within [−180°, 180°] when it wraps. */
  void forEachWindow(double radiusM, Consumer<Envelope> action) {
    Envelope window = window(radiusM);
    if (window.getWidth() >= 360) {
      action.accept(new Envelope(-180, 180, window.getMinY(), window.getMaxY()));
      return;
    }
    action.accept(
        new Envelope(
            Math.max(-180, window.getMinX()),
            Math.min(180, window.getMaxX()),
            window.getMinY(),
            window.getMaxY()));
    if (window.getMinX() < -180) {
      action.accept(new Envelope(window.getMinX() + 360, 180, window.getMinY(), window.getMaxY()));
    }
    if (window.getMaxX() > 180) {
      action.accept(new Envelope(-180, window.getMaxX() - 360, window.getMinY(), window.getMaxY()));
    }
  }

  private static double wrap(double dLonDeg) {
    if (dLonDeg > 180) {
      return dLonDeg - 360;
    }
    if (dLonDeg < -180) {
      return dLonDeg + 360;
    }
    return dLonDeg;
  }
}
