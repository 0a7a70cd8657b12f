package org.tocsin.ingest;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.tocsin.flight.ThreatClass;
import org.tocsin.geo.GeoPoint;
import org.tocsin.track.LaunchDetection;
import org.tocsin.track.Observation;
import org.tocsin.track.RadarMeasurement;
import org.tocsin.track.RadarPlot;

/**
 * Report batches drawn from a fuzzer's data with every value inside the bounds that {@link
 * ReportJson} and {@link ReportWindow#DEFAULT} check, so that nearly all of them are accepted and
 * reach the engine. Places are drawn near the hromadas or anywhere on Earth; radar plots come as
 * scans of one object that moves steadily in range and angles, so that plots form tracks often
 * enough for the engine's tracking and prediction to be exercised, not only its launch corridors.
 */
final class FuzzedReports {

  /** The sensors batches come from: few, so that their reports meet in the tracker. */
  static final String[] SENSORS = {"ir-1", "ir-2", "radar-1", "radar-2"};

  /** Reports in one batch: enough for a launch and a few scans, few enough to stay fast. */
  private static final int MAX_REPORTS = 8;

  /** A radar's scan interval at most (ms): longer gaps never extend a tentative track. */
  private static final long MAX_SCAN_INTERVAL_MS = 12_000;

  /** How fast a fuzzed object's range changes at most (m/s): a missile's speed. */
  private static final double MAX_RANGE_RATE_MPS = 8_000;

  /** How fast a fuzzed object's azimuth and elevation change at most (°/s). */
  private static final double MAX_ANGLE_RATE_DEG_PER_S = 2;

  private static final ReportWindow WINDOW = ReportWindow.DEFAULT;

  private final FuzzedDataProvider data;

  FuzzedReports(FuzzedDataProvider data) {
    this.data = data;
  }

  /** A batch of one sensor, its reports dated within the window around {@code now}. */
  List<Observation> batch(String sensorId, Instant now) {
    int reports = data.consumeInt(1, MAX_REPORTS);
    List<Observation> batch = new ArrayList<>();
    while (batch.size() < reports) {
      if (data.consumeBoolean()) {
        batch.add(launch(sensorId, now));
      } else {
        batch.addAll(scans(sensorId, now, reports - batch.size()));
      }
    }
    return batch;
  }

  private LaunchDetection launch(String sensorId, Instant now) {
    Instant time = reportTime(now);
    Instant launchTime = time.minusMillis(data.consumeLong(0, WINDOW.maxLaunchAge().toMillis()));
    return new LaunchDetection(
        sensorId,
        time,
        place(),
        launchTime,
        degrees(),
        data.consumeRegularDouble(ReportJson.MIN_SIGMA, ReportJson.MAX_POSITION_SIGMA_M),
        data.consumeRegularDouble(ReportJson.MIN_SIGMA, ReportJson.MAX_HEADING_SIGMA_DEG),
        data.pickValue(ThreatClass.values()));
  }

  /** One object seen in up to {@code atMost} successive scans, the last dated within the window. */
  private List<RadarPlot> scans(String sensorId, Instant now, int atMost) {
    GeoPoint site = place().withHeightM(data.consumeRegularDouble(-500, 100_000));
    double rangeM = data.consumeRegularDouble(1, ReportJson.MAX_RANGE_M);
    double azimuthDeg = degrees();
    double elevationDeg =
        data.consumeRegularDouble(ReportJson.MIN_ELEVATION_DEG, ReportJson.MAX_ELEVATION_DEG);
    double rangeRateMps = data.consumeRegularDouble(-MAX_RANGE_RATE_MPS, MAX_RANGE_RATE_MPS);
    double azimuthRate =
        data.consumeRegularDouble(-MAX_ANGLE_RATE_DEG_PER_S, MAX_ANGLE_RATE_DEG_PER_S);
    double elevationRate =
        data.consumeRegularDouble(-MAX_ANGLE_RATE_DEG_PER_S, MAX_ANGLE_RATE_DEG_PER_S);
    double rangeSigmaM =
        data.consumeRegularDouble(ReportJson.MIN_SIGMA, ReportJson.MAX_RANGE_SIGMA_M);
    double angleSigmaMrad =
        data.consumeRegularDouble(ReportJson.MIN_SIGMA, ReportJson.MAX_ANGLE_SIGMA_MRAD);
    int scans = data.consumeInt(1, atMost);
    long intervalMs = data.consumeLong(1, MAX_SCAN_INTERVAL_MS);
    Instant last = reportTime(now);
    List<RadarPlot> plots = new ArrayList<>();
    for (int i = 0; i < scans; i++) {
      double seconds = (i - scans + 1) * intervalMs / 1000.0;
      double range = clamp(rangeM + rangeRateMps * seconds, 1, ReportJson.MAX_RANGE_M);
      double azimuth =
          Math.floorMod(Math.round((azimuthDeg + azimuthRate * seconds) * 1e6), 360_000_000L) / 1e6;
      double elevation =
          clamp(
              elevationDeg + elevationRate * seconds,
              ReportJson.MIN_ELEVATION_DEG,
              ReportJson.MAX_ELEVATION_DEG);
      plots.add(
          new RadarPlot(
              sensorId,
              last.minusMillis((scans - 1 - i) * intervalMs),
              site,
              new RadarMeasurement(range, Math.toRadians(azimuth), Math.toRadians(elevation)),
              rangeSigmaM,
              angleSigmaMrad / 1000,
              angleSigmaMrad / 1000));
    }
    return plots;
  }

  /** A report's time: at most the window's age before {@code now}, its lead after. */
  private Instant reportTime(Instant now) {
    return now.minusMillis(
        data.consumeLong(-WINDOW.maxLead().toMillis(), WINDOW.maxAge().toMillis()));
  }

  /** Near the hromadas (and the launch sites around them), or anywhere on Earth. */
  private GeoPoint place() {
    if (data.consumeBoolean()) {
      return GeoPoint.of(data.consumeRegularDouble(43, 53), data.consumeRegularDouble(21, 42));
    }
    return GeoPoint.of(data.consumeRegularDouble(-90, 90), data.consumeRegularDouble(-180, 180));
  }

  /** A direction within [0, 360) degrees. */
  private double degrees() {
    double degrees = data.consumeRegularDouble(0, 360);
    return degrees >= 360 ? 0 : degrees;
  }

  private static double clamp(double value, double min, double max) {
    return Math.max(min, Math.min(max, value));
  }
}
