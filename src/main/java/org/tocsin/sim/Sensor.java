package org.tocsin.sim;

/** A sensor of a scenario ({@code sensors[i]} in {@code docs/SCENARIOS.md}), by its kind. */
public sealed interface Sensor permits LaunchDetectionSensor, RadarSensor {

  /** Unique among the scenario's sensors; the id that its observations carry. */
  String id();
}
