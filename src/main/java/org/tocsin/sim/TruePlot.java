package org.tocsin.sim;

import org.tocsin.track.RadarMeasurement;
import org.tocsin.track.RadarPlot;

/**
 * A synthetic radar plot with what it was made from, for the simulator's own checks; only {@code
 * plot} reaches the pipeline.
 *
 * @param vehicle the vehicle seen
 * @param truth what a perfect radar would have measured
 * @param plot the noisy report
 */
record TruePlot(VehicleTruth vehicle, RadarMeasurement truth, RadarPlot plot) {}
