package org.tocsin.track;

import java.time.Instant;
import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.tocsin.flight.BallisticPropagator;
import org.tocsin.flight.StateVector;
import org.tocsin.flight.Times;

/**
 * A cubature Kalman filter (Arasaratnam & Haykin, IEEE TAC 54(6), 2009) for the post-boost
 * ballistic state, with the flight engine as its dynamics.
 *
 * <p>Prediction carries the 2n = 12 cubature points x ± √n·(columns of the Cholesky factor of P)
 * through the full flight model and recovers mean and covariance with equal weights: the unscented
 * transform with λ = 0, whose weights are all positive, so the covariance stays positive definite.
 * Process noise is white acceleration of spectral density q: Q = q[Δt³/3, Δt²/2; Δt²/2, Δt] per
 * axis; q grows with the drag deceleration, whose ballistic coefficient is known only as the
 * class's value. Measurements are ECEF position fixes, linear in the state, so the update is the
 * Kalman update in Joseph form.
 */
final class CubatureFilter {

  private static final int N = 6;

  /** Acceleration noise in vacuum (m/s² per √s): unmodelled gravity terms, small. */
  private static final double VACUUM_ACCELERATION_NOISE = 0.05;

  /** Share of the drag deceleration taken as unknown (β is the class's, not the object's). */
  private static final double DRAG_UNCERTAINTY = 0.5;

  private final BallisticPropagator propagator;

  CubatureFilter(BallisticPropagator propagator) {
    this.propagator = propagator;
  }

  /** Mean and covariance at {@code time}. */
  Estimate predict(Estimate estimate, Instant time) {
    double dt = Times.secondsBetween(estimate.mean().time(), time);
    if (dt <= 0) {
      return estimate;
    }
    StateVector[] points = cubaturePoints(estimate);
    double[][] propagated = new double[2 * N][];
    double[] mean = new double[N];
    for (int i = 0; i < points.length; i++) {
      propagated[i] = toArray(propagator.propagateTo(points[i], time));
      for (int k = 0; k < N; k++) {
        mean[k] += propagated[i][k] / (2 * N);
      }
    }
    // Summed in place, in the order and with the roundings of d·dᵀ/(2n) matrix by matrix, without
    // the matrices: a filter predicts every track at every scan.
    double[][] sum = new double[N][N];
    double[] d = new double[N];
    for (double[] point : propagated) {
      for (int k = 0; k < N; k++) {
        d[k] = point[k] - mean[k];
      }
      for (int i = 0; i < N; i++) {
        for (int j = 0; j < N; j++) {
          sum[i][j] += d[i] * d[j] * (1.0 / (2 * N));
        }
      }
    }
    StateVector meanState = toState(time, mean);
    RealMatrix covariance = MatrixUtils.createRealMatrix(sum).add(processNoise(meanState, dt));
    return new Estimate(meanState, symmetric(covariance));
  }

  /** The Kalman update with a position fix; returns the squared Mahalanobis distance too. */
  Estimate update(Estimate predicted, PositionFix fix) {
    RealMatrix p = predicted.covariance();
    RealMatrix s = p.getSubMatrix(0, 2, 0, 2).add(fix.covarianceM2());
    RealMatrix sInverse = MatrixUtils.inverse(s);
    RealMatrix gain = p.getSubMatrix(0, N - 1, 0, 2).multiply(sInverse);
    RealVector innovation =
        MatrixUtils.createRealVector(
            fix.positionEcefM().subtract(predicted.mean().positionEcefM()).toArray());
    RealVector x =
        MatrixUtils.createRealVector(toArray(predicted.mean())).add(gain.operate(innovation));
    RealMatrix h = MatrixUtils.createRealMatrix(3, N);
    for (int i = 0; i < 3; i++) {
      h.setEntry(i, i, 1);
    }
    RealMatrix iMinusKh = MatrixUtils.createRealIdentityMatrix(N).subtract(gain.multiply(h));
    RealMatrix updated =
        iMinusKh
            .multiply(p)
            .multiplyTransposed(iMinusKh)
            .add(gain.multiply(fix.covarianceM2()).multiplyTransposed(gain));
    return new Estimate(toState(fix.time(), x.toArray()), symmetric(updated));
  }

  /** Squared Mahalanobis distance of a fix from a predicted estimate at the fix's time. */
  static double distanceSquared(Estimate predicted, PositionFix fix) {
    RealMatrix s = predicted.covariance().getSubMatrix(0, 2, 0, 2).add(fix.covarianceM2());
    RealVector innovation =
        MatrixUtils.createRealVector(
            fix.positionEcefM().subtract(predicted.mean().positionEcefM()).toArray());
    return innovation.dotProduct(MatrixUtils.inverse(s).operate(innovation));
  }

  /** The 2n cubature points of an estimate, as states. */
  static StateVector[] cubaturePoints(Estimate estimate) {
    RealMatrix root =
        new CholeskyDecomposition(estimate.covariance(), 1e-10, 1e-12)
            .getL()
            .scalarMultiply(Math.sqrt(N));
    double[] mean = toArray(estimate.mean());
    StateVector[] points = new StateVector[2 * N];
    for (int j = 0; j < N; j++) {
      double[] plus = mean.clone();
      double[] minus = mean.clone();
      for (int k = 0; k < N; k++) {
        plus[k] += root.getEntry(k, j);
        minus[k] -= root.getEntry(k, j);
      }
      points[2 * j] = toState(estimate.mean().time(), plus);
      points[2 * j + 1] = toState(estimate.mean().time(), minus);
    }
    return points;
  }

  private RealMatrix processNoise(StateVector state, double dt) {
    Vector3D position = state.positionEcefM();
    double heightM =
        propagator
            .model()
            .earth()
            .ellipsoid()
            .heightM(position.getX(), position.getY(), position.getZ());
    double speed = state.speedMps();
    double dragMps2 =
        0.5
            * propagator.model().atmosphere().densityKgM3(heightM)
            * speed
            * speed
            / propagator.model().ballisticCoefficientKgM2();
    double sigma = Math.hypot(VACUUM_ACCELERATION_NOISE, DRAG_UNCERTAINTY * dragMps2);
    double q = sigma * sigma;
    RealMatrix noise = MatrixUtils.createRealMatrix(N, N);
    for (int i = 0; i < 3; i++) {
      noise.setEntry(i, i, q * dt * dt * dt / 3);
      noise.setEntry(i, i + 3, q * dt * dt / 2);
      noise.setEntry(i + 3, i, q * dt * dt / 2);
      noise.setEntry(i + 3, i + 3, q * dt);
    }
    return noise;
  }

  private static RealMatrix symmetric(RealMatrix m) {
    return m.add(m.transpose()).scalarMultiply(0.5);
  }

  static double[] toArray(StateVector state) {
    Vector3D r = state.positionEcefM();
    Vector3D v = state.velocityEcefMps();
    return new double[] {r.getX(), r.getY(), r.getZ(), v.getX(), v.getY(), v.getZ()};
  }

  static StateVector toState(Instant time, double[] x) {
    return new StateVector(time, new Vector3D(x[0], x[1], x[2]), new Vector3D(x[3], x[4], x[5]));
  }

  /** A mean state and its covariance. */
  record Estimate(StateVector mean, RealMatrix covariance) {}
}
