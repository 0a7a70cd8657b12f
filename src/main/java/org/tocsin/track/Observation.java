package org.tocsin.track;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A sensor report as it enters the pipeline. Real sensors and the simulator's synthetic sensors
 * produce the same records; nothing else crosses into tracking.
 */
public sealed interface Observation permits LaunchDetection, RadarPlot {

  /** The reporting sensor's id. */
  String sensorId();

  /** When the report arrives (not when the event it reports happened). */
  Instant time();

  /** The same report with every time in it moved by {@code offset}, for replays. */
  Observation shiftedBy(Duration offset);

  /** Reports grouped into the batches that arrive together: by arrival time, in order. */
  static TreeMap<Instant, List<Observation>> byArrival(List<? extends Observation> reports) {
    TreeMap<Instant, List<Observation>> batches = new TreeMap<>();
    for (Observation report : reports) {
      batches.computeIfAbsent(report.time(), t -> new ArrayList<>()).add(report);
    }
    return batches;
  }
}
