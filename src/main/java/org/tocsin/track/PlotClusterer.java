package org.tocsin.track;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.tocsin.geo.Ellipsoid;
import org.tocsin.geo.LocalFrame;

/**
 * Turns one radar scan's plots into position fixes, merging the plots of objects that fly close
 * together (the re-entry vehicles of one missile) into one fix of their centroid.
 *
 * <p>Re-entry vehicles released by one missile stay within a few kilometres of each other, closer
 * than the radar can reliably tell apart at long range, while separate missiles, even of one salvo,
 * are tens of kilometres apart. So plots of one sensor and one instant are clustered by single
 * linkage within {@link #CLUSTER_RADIUS_M}; each cluster becomes one fix at the mean position with
 * the mean measurement covariance divided by the plot count, plus the part of the cluster's scatter
 * that noise does not explain (the group's spread).
 *
 * <p>A plot's covariance is the range-azimuth-elevation covariance carried to ECEF through the
 * Jacobian of the spherical-to-ENU conversion, accurate for angular errors of milliradians.
 */
public final class PlotClusterer {

  /** Plots closer than this to another plot of the cluster join it (m). */
  public static final double CLUSTER_RADIUS_M = 5_000;

  /**
   * The least position error of a fix, per axis (m). The filter carries a track's covariance
   * through the flight model, which integrates positions to a millimetre ({@link
   * org.tocsin.flight.IntegrationTolerance#DEFAULT}): a spread near that is integration error, and
   * a covariance of micrometres (plots claiming a millimetre and a microradian at close range) lost
   * its positive definiteness there, failing the whole batch. No radar fixes a missile better than
   * this; at tracking ranges the plots' own errors are tens of metres and more.
   */
  static final double MIN_FIX_SIGMA_M = 1;

  /** A plot with its site's frame and its position, converted once. */
  private record Placed(RadarPlot plot, LocalFrame site, Vector3D positionEcefM) {
    static Placed of(RadarPlot plot) {
      LocalFrame site = Ellipsoid.WGS84.localFrameAt(plot.site());
      return new Placed(plot, site, plot.measurement().toEcef(site));
    }
  }

  /** Groups plots by sensor and time, then clusters each group. */
  public List<PositionFix> fixes(List<RadarPlot> plots) {
    Map<String, List<Placed>> scans = new LinkedHashMap<>();
    for (RadarPlot plot : plots) {
      scans
          .computeIfAbsent(plot.sensorId() + "@" + plot.time(), k -> new ArrayList<>())
          .add(Placed.of(plot));
    }
    List<PositionFix> fixes = new ArrayList<>();
    for (List<Placed> scan : scans.values()) {
      for (List<Placed> cluster : clusters(scan)) {
        fixes.add(merge(cluster));
      }
    }
    return fixes;
  }

  private static List<List<Placed>> clusters(List<Placed> scan) {
    int[] label = new int[scan.size()];
    java.util.Arrays.fill(label, -1);
    List<List<Placed>> clusters = new ArrayList<>();
    for (int seed = 0; seed < scan.size(); seed++) {
      if (label[seed] >= 0) {
        continue;
      }
      List<Placed> cluster = new ArrayList<>();
      List<Integer> frontier = new ArrayList<>(List.of(seed));
      label[seed] = clusters.size();
      while (!frontier.isEmpty()) {
        int current = frontier.remove(frontier.size() - 1);
        cluster.add(scan.get(current));
        for (int other = 0; other < scan.size(); other++) {
          if (label[other] < 0
              && scan.get(current).positionEcefM().distance(scan.get(other).positionEcefM())
                  <= CLUSTER_RADIUS_M) {
            label[other] = clusters.size();
            frontier.add(other);
          }
        }
      }
      clusters.add(cluster);
    }
    return clusters;
  }

  private static PositionFix merge(List<Placed> cluster) {
    int n = cluster.size();
    Vector3D sum = Vector3D.ZERO;
    RealMatrix noiseSum = MatrixUtils.createRealMatrix(3, 3);
    for (Placed placed : cluster) {
      sum = sum.add(placed.positionEcefM());
      noiseSum = noiseSum.add(covariance(placed.plot(), placed.site()));
    }
    Vector3D mean = sum.scalarMultiply(1.0 / n);
    RealMatrix meanNoise = noiseSum.scalarMultiply(1.0 / n);
    double spreadVariance = 0;
    if (n > 1) {
      double scatter = 0;
      for (Placed placed : cluster) {
        scatter += placed.positionEcefM().distanceSq(mean);
      }
      double perAxisScatter = scatter / (n - 1) / 3;
      spreadVariance = Math.max(0, perAxisScatter - meanNoise.getTrace() / 3);
    }
    RealMatrix covariance =
        meanNoise
            .scalarMultiply(1.0 / n)
            .add(
                MatrixUtils.createRealIdentityMatrix(3)
                    .scalarMultiply(spreadVariance / n + MIN_FIX_SIGMA_M * MIN_FIX_SIGMA_M));
    RadarPlot first = cluster.get(0).plot();
    return new PositionFix(first.sensorId(), first.time(), mean, covariance, n, spreadVariance);
  }

  /** The plot's position covariance in ECEF (m²). */
  static RealMatrix covariance(RadarPlot plot, LocalFrame site) {
    RadarMeasurement m = plot.measurement();
    double r = m.rangeM();
    double sa = Math.sin(m.azimuthRad()), ca = Math.cos(m.azimuthRad());
    double se = Math.sin(m.elevationRad()), ce = Math.cos(m.elevationRad());
    Vector3D dRange = new Vector3D(ce * sa, ce * ca, se);
    Vector3D dAzimuth = new Vector3D(r * ce * ca, -r * ce * sa, 0);
    Vector3D dElevation = new Vector3D(-r * se * sa, -r * se * ca, r * ce);
    RealMatrix enu =
        outer(dRange, plot.rangeSigmaM())
            .add(outer(dAzimuth, plot.azimuthSigmaRad()))
            .add(outer(dElevation, plot.elevationSigmaRad()));
    RealMatrix rotation = MatrixUtils.createRealMatrix(3, 3);
    Vector3D[] axes = {site.east(), site.north(), site.up()};
    for (int column = 0; column < 3; column++) {
      rotation.setEntry(0, column, axes[column].getX());
      rotation.setEntry(1, column, axes[column].getY());
      rotation.setEntry(2, column, axes[column].getZ());
    }
    return rotation.multiply(enu).multiplyTransposed(rotation);
  }

  private static RealMatrix outer(Vector3D direction, double sigma) {
    double[] d = direction.toArray();
    RealMatrix m = MatrixUtils.createRealMatrix(3, 3);
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        m.setEntry(i, j, d[i] * d[j] * sigma * sigma);
      }
    }
    return m;
  }
}
