package org.tocsin.track;

import java.time.Instant;

/**
 * A sensor report as it enters the pipeline. Real sensors and the simulator's synthetic sensors
 * produce the same records; nothing else crosses into tracking.
 */
public sealed interface Observation permits LaunchDetection, RadarPlot {

  /** The reporting sensor's id. */
  String sensorId();

  /** When the report arrives (not when the event it reports happened). */
  Instant time();
}
