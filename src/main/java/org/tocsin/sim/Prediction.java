package org.tocsin.sim;

import java.time.Instant;
import org.tocsin.geo.GeoPoint;
import org.tocsin.predict.Footprint;

/**
 * One prediction made during a simulation, kept for the report and the plots.
 *
 * @param time when it was made
 * @param threatId the scenario's threat id
 * @param kind corridor or track
 * @param meanImpact the predicted mean impact point
 * @param semiMajorM one-sigma semi-major axis of the impact ellipse (m)
 * @param meanArrival the predicted mean arrival
 */
record Prediction(
    Instant time,
    String threatId,
    Footprint.Kind kind,
    GeoPoint meanImpact,
    double semiMajorM,
    Instant meanArrival) {}
