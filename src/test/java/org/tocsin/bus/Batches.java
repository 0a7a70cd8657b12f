package org.tocsin.bus;

import java.time.Instant;
import java.util.List;
import org.tocsin.geo.GeoPoint;
import org.tocsin.track.RadarMeasurement;
import org.tocsin.track.RadarPlot;

/** Report batches for the bus's tests, each told apart by its sensor id. */
final class Batches {

  private static final Instant T = Instant.parse("2024-11-21T02:01:00Z");

  private Batches() {}

  /** A batch of one radar plot from sensor {@code radar-<n>}. */
  static ReportBatch numbered(int n) {
    return ReportBatch.of(
        List.of(
            new RadarPlot(
                "radar-" + n,
                T.plusMillis(n),
                new GeoPoint(49.59, 34.55, 160),
                new RadarMeasurement(812_345.5, 1.234, 0.456),
                100,
                1e-3,
                1e-3)));
  }

  /** The number a batch of {@link #numbered} carries. */
  static int number(ReportBatch batch) {
    return Integer.parseInt(batch.reports().get(0).sensorId().substring("radar-".length()));
  }
}
