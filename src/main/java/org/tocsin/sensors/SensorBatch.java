package org.tocsin.sensors;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tocsin.ingest.ReportJson;
import org.tocsin.sim.ScenarioReports;
import org.tocsin.track.Observation;

/**
 * One sensor's reports that arrive together: the body of one {@code POST /api/v1/reports}, which a
 * server takes only from that sensor's key.
 *
 * @param time when the reports arrive (their common time)
 * @param sensorId the sensor that posts them
 * @param reports 1 to {@link ReportJson#MAX_BATCH} reports, all of that sensor and time
 */
public record SensorBatch(Instant time, String sensorId, List<Observation> reports) {

  public SensorBatch {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(sensorId, "sensorId");
    reports = List.copyOf(reports);
    if (reports.isEmpty() || reports.size() > ReportJson.MAX_BATCH) {
      throw new IllegalArgumentException(
          "reports: must hold 1 to " + ReportJson.MAX_BATCH + ", held " + reports.size());
    }
    for (Observation report : reports) {
      if (!report.sensorId().equals(sensorId) || !report.time().equals(time)) {
        throw new IllegalArgumentException(
            "reports: must all be sensor '"
                + sensorId
                + "' at "
                + time
                + ", one was '"
                + report.sensorId()
                + "' at "
                + report.time());
      }
    }
  }

  /**
   * A scenario's reports as its sensors post them: each batch that arrives together split by sensor
   * (a key opens one sensor's reports only), in the generator's order, and into requests of at most
   * {@link ReportJson#MAX_BATCH} reports.
   */
  public static List<SensorBatch> of(ScenarioReports scenario) {
    List<SensorBatch> batches = new ArrayList<>();
    scenario
        .batches()
        .forEach(
            (time, arriving) -> {
              Map<String, List<Observation>> bySensor = new LinkedHashMap<>();
              arriving.forEach(
                  report ->
                      bySensor
                          .computeIfAbsent(report.sensorId(), id -> new ArrayList<>())
                          .add(report));
              bySensor.forEach(
                  (sensor, reports) -> {
                    for (int from = 0; from < reports.size(); from += ReportJson.MAX_BATCH) {
                      int to = Math.min(reports.size(), from + ReportJson.MAX_BATCH);
                      batches.add(new SensorBatch(time, sensor, reports.subList(from, to)));
                    }
                  });
            });
    return batches;
  }

  /** The request body, as {@link ReportJson} reads it. */
  String json() {
    return ReportJson.write(reports);
  }

  /** For messages: "radar-poltava's 3 reports at 2026-…Z". */
  String described() {
    return sensorId
        + "'s "
        + reports.size()
        + (reports.size() == 1 ? " report" : " reports")
        + " at "
        + time;
  }
}
