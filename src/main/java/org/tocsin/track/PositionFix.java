package org.tocsin.track;

import java.time.Instant;
import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.hipparchus.linear.RealMatrix;

/**
 * A measured position of one object or one tight group of objects, in ECEF, with its covariance:
 * what the filter ingests.
 *
 * @param sensorId the radar
 * @param time when the position was measured
 * @param positionEcefM the measured position (m)
 * @param covarianceM2 its 3×3 covariance in ECEF axes (m²)
 * @param plotCount how many radar plots were merged into it
 * @param spreadVarianceM2 the variance of the group's members about their centroid, beyond the
 *     measurement noise (m², per axis); 0 for a single object
 */
public record PositionFix(
    String sensorId,
    Instant time,
    Vector3D positionEcefM,
    RealMatrix covarianceM2,
    int plotCount,
    double spreadVarianceM2) {}
