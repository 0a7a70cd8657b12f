package org.tocsin.flight;

import org.tocsin.geo.GeoPoint;

/**
 * Where and how a body reaches height 0 above the ellipsoid.
 *
 * @param state the state at impact
 * @param point the impact point (height 0)
 * @param speedMps speed relative to the ground (m/s)
 * @param machNumber speed over the local speed of sound at height 0
 * @param angleDeg angle of the velocity below the local horizontal (degrees, 90 = vertical)
 */
public record Impact(
    StateVector state, GeoPoint point, double speedMps, double machNumber, double angleDeg) {}
