package org.tocsin.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.junit.jupiter.api.Test;
import org.tocsin.area.AreaSet;
import org.tocsin.area.AreaSets;
import org.tocsin.flight.ThreatClass;
import org.tocsin.geo.Ellipsoid;
import org.tocsin.geo.GeoPoint;
import org.tocsin.geo.Geodesics;
import org.tocsin.geo.LocalFrame;
import org.tocsin.track.LaunchDetection;
import org.tocsin.track.Observation;
import org.tocsin.track.RadarMeasurement;
import org.tocsin.track.RadarPlot;
import org.tocsin.track.TrackedThreat;

/** The pipeline decides the same whether or not the ticks that decided nothing were run. */
class WarningPipelineTest {

  private static final AreaSet AREAS = AreaSets.bundled("ua-hromadas");
  private static final Instant T = Instant.parse("2025-03-02T03:00:00Z");
  private static final GeoPoint LAUNCH_POINT = GeoPoint.of(45.71, 34.39);
  private static final GeoPoint RADAR = new GeoPoint(46.6, 32.6, 0);

  /** Three plots of an object flying along the launch's heading, 300 km out, from {@code at}. */
  private static List<Observation> plotsAlongTheHeading(Instant at) {
    LocalFrame frame = Ellipsoid.WGS84.localFrameAt(RADAR);
    List<Observation> plots = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      GeoPoint ground = Geodesics.WGS84.direct(LAUNCH_POINT, 300, 300_000 + 1_500.0 * i);
      Vector3D ecef = Ellipsoid.WGS84.toEcef(ground.withHeightM(30_000 - 300.0 * i));
      plots.add(
          new RadarPlot(
              "radar-1",
              at.plusSeconds(i),
              RADAR,
              RadarMeasurement.of(frame, ecef),
              50,
              1e-3,
              1e-3));
    }
    return plots;
  }

  @Test
  void aTickThatDecidesNothingChangesNoLaterBatch() {
    // A restart replays the batches and only the ticks that decided something: a tick that
    // retired a threat silently must leave the next batch deciding as it would without it.
    LaunchDetection launch =
        new LaunchDetection(
            "ir-1", T.plusSeconds(20), LAUNCH_POINT, T, 300, 3000, 5, ThreatClass.SRBM);
    WarningPipeline live = new WarningPipeline(Policy.DEFAULT, AREAS);
    WarningPipeline replayed = new WarningPipeline(Policy.DEFAULT, AREAS);
    Instant latest =
        live.process(List.of(launch), T.plusSeconds(20)).footprints().get(0).latestArrival();
    replayed.process(List.of(launch), T.plusSeconds(20));
    Instant afterImpact = latest.plusSeconds(1);
    assertThat(afterImpact).isBefore(latest.plus(Policy.DEFAULT.allClearAfter()));

    assertThat(live.tick(afterImpact)).isEmpty();
    List<Observation> plots = plotsAlongTheHeading(afterImpact.plusSeconds(1));
    live.process(plots, afterImpact.plusSeconds(4));
    replayed.process(plots, afterImpact.plusSeconds(4));

    assertThat(replayed.threats())
        .map(TrackedThreat::id)
        .isEqualTo(live.threats().stream().map(TrackedThreat::id).toList());
    assertThat(replayed.threats()).isEqualTo(live.threats());
    assertThat(replayed.inForce()).isEqualTo(live.inForce());
  }
}
