package org.tocsin.track;

import java.time.Instant;
import java.util.List;
import org.hipparchus.linear.RealMatrix;
import org.tocsin.flight.StateVector;

/**
 * A track's state estimate at an instant: the mean state and its 6×6 covariance (position m, then
 * velocity m/s, ECEF axes), with the spread of the group it follows.
 *
 * @param trackId the track
 * @param threatId the threat the track belongs to
 * @param mean the mean state
 * @param covariance the covariance of (x, y, z, vx, vy, vz), in m², m²/s and m²/s²
 * @param spreadVarianceM2 the per-axis variance of the group's members about the centroid (m²), at
 *     the estimate's time; 0 for a single object
 * @param updates how many fixes the track has taken
 */
public record TrackEstimate(
    String trackId,
    String threatId,
    StateVector mean,
    RealMatrix covariance,
    double spreadVarianceM2,
    int updates) {

  public Instant time() {
    return mean.time();
  }

  /**
   * The 2n = 12 cubature points of the estimate (mean ± √6 times the columns of the Cholesky factor
   * of the covariance), each carrying weight 1/12: carried through the flight model they give the
   * mean and covariance of anything the state determines, such as the impact point.
   */
  public List<StateVector> cubaturePoints() {
    return List.of(CubatureFilter.cubaturePoints(new CubatureFilter.Estimate(mean, covariance)));
  }
}
