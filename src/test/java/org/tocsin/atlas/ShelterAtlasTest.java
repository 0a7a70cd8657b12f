package org.tocsin.atlas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tocsin.area.AreaSet;
import org.tocsin.area.AreaSets;
import org.tocsin.flight.FlightModel;
import org.tocsin.flight.MinimumEnergyFitter;
import org.tocsin.flight.ThreatClass;
import org.tocsin.geo.GeoPoint;
import org.tocsin.geo.Geodesics;

class ShelterAtlasTest {

  /** Southern Belarus, near the Ukrainian border north of Zhytomyr oblast. */
  static final GeoPoint BELARUS = GeoPoint.of(51.9, 27.9);

  private static final AreaSet HROMADAS = AreaSets.bundled("ua-hromadas");

  /**
   * The atlas agrees with the flight engine: for a sample of hromadas spread over Ukraine, its
   * flight time less the boost allowance is the minimum-energy flight time that the engine's
   * two-point search finds from the launch point to the area's nearest point, within 2 % (the
   * tabulated curves, shared by latitude and interpolated over azimuth, err by far less).
   */
  @Test
  void flightTimeLessBoostIsTheEnginesMinimumEnergyArcWithinTwoPercent() {
    for (ThreatClass threatClass : new ThreatClass[] {ThreatClass.SRBM, ThreatClass.IRBM}) {
      AtlasSettings settings = AtlasSettings.of(threatClass);
      Atlas atlas =
          new ShelterAtlas(settings, Runnable::run).compute(HROMADAS, List.of(BELARUS), s -> {});
      MinimumEnergyFitter fitter = new MinimumEnergyFitter(FlightModel.of(threatClass));
      double worst = 0;
      int checked = 0;
      for (int i = 17; i < atlas.areas().size(); i += 197) {
        AreaTime time = atlas.areas().get(i);
        if (!time.band().hasTimes()) {
          continue;
        }
        double engineS =
            fitter
                .fit(time.launch(), time.nearest(), Instant.parse("2026-01-01T00:00:00Z"))
                .flight()
                .flightTimeS();
        double atlasS = time.flightTimeS().getAsDouble() - settings.boostS();
        worst = Math.max(worst, Math.abs(atlasS / engineS - 1));
        assertThat(atlasS).as(time.area().id()).isCloseTo(engineS, within(0.02 * engineS));
        checked++;
      }
      System.out.printf(
          "%s: %d areas checked, largest difference %.3f %%%n", threatClass, checked, 100 * worst);
      assertThat(checked).isGreaterThanOrEqualTo(7);
    }
  }

  /**
   * From several launch points each area gets the shortest of the times the points give alone, and
   * the warning time is that less the detection and decision latencies.
   */
  @Test
  void severalLaunchPointsGiveEachAreaTheShortestTime() {
    AreaSet raions = AreaSets.bundled("ua-raions");
    GeoPoint kursk = GeoPoint.of(51.7, 36.2);
    AtlasSettings settings = AtlasSettings.of(ThreatClass.SRBM).withDetectionLatencyS(30);
    ShelterAtlas atlas = new ShelterAtlas(settings, Runnable::run);
    Map<String, AreaTime> both = byId(atlas.compute(raions, List.of(BELARUS, kursk), s -> {}));
    Map<String, AreaTime> west = byId(atlas.compute(raions, List.of(BELARUS), s -> {}));
    Map<String, AreaTime> east = byId(atlas.compute(raions, List.of(kursk), s -> {}));
    int fromEach = 0;
    for (String id : both.keySet()) {
      AreaTime time = both.get(id);
      List<Double> alone = new ArrayList<>();
      west.get(id).flightTimeS().ifPresent(alone::add);
      east.get(id).flightTimeS().ifPresent(alone::add);
      if (alone.isEmpty()) {
        assertThat(time.band().hasTimes()).isFalse();
        continue;
      }
      double shortest = alone.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
      assertThat(time.flightTimeS().getAsDouble()).isCloseTo(shortest, within(1e-9));
      assertThat(time.warningTimeS().getAsDouble())
          .isCloseTo(Math.max(0, shortest - 30 - AtlasSettings.DECISION_LATENCY_S), within(1e-9));
      fromEach += time.launch().equals(kursk) ? 1 : 0;
    }
    assertThat(fromEach).isBetween(1, both.size() - 1);
  }

  /**
   * Areas beyond the class's longest range from every launch point are marked and get no time; so
   * are the few within it that the flight model cannot fly the class to from the ground (an SRBM's
   * arc from sea level stops short of 1,000 km); areas nearer than the shortest range keep their
   * time.
   */
  @Test
  void areasBeyondTheRangeBandAreMarkedWithoutATime() {
    GeoPoint farWest = GeoPoint.of(51.5, 23.6); // Brest, Belarus: eastern Ukraine is > 1,000 km
    Atlas atlas =
        new ShelterAtlas(AtlasSettings.of(ThreatClass.SRBM), Runnable::run)
            .compute(HROMADAS, List.of(farWest), s -> {});
    assertThat(atlas.count(RangeBand.BEYOND)).isPositive();
    assertThat(atlas.count(RangeBand.WITHIN)).isPositive();
    assertThat(atlas.count(RangeBand.SHORT_OF_MINIMUM)).isPositive();
    for (AreaTime time : atlas.areas()) {
      switch (time.band()) {
        case BEYOND -> {
          assertThat(time.rangeKm()).isGreaterThan(1_000);
          assertThat(time.flightTimeS()).isEmpty();
          assertThat(time.warningTimeS()).isEmpty();
        }
        case BEYOND_MODEL_REACH -> {
          assertThat(time.rangeKm()).isBetween(900.0, 1_000.0);
          assertThat(time.flightTimeS()).isEmpty();
        }
        case WITHIN -> assertThat(time.rangeKm()).isBetween(70.0, 1_000.0);
        case SHORT_OF_MINIMUM -> {
          assertThat(time.rangeKm()).isLessThan(70);
          assertThat(time.flightTimeS()).isPresent();
        }
      }
    }
  }

  /**
   * The nearest point is on the area's outline and no vertex of the outline is nearer; a launch
   * point inside an area is its own nearest point, at range 0, and its time is the boost alone.
   */
  @Test
  void nearestPointIsTheClosestPointOfTheOutline() {
    AreaSet oblasts = AreaSets.bundled("ua-oblasts");
    GeoPoint kyiv = GeoPoint.of(50.45, 30.52);
    AtlasSettings settings = AtlasSettings.of(ThreatClass.SRBM);
    Atlas atlas =
        new ShelterAtlas(settings, Runnable::run).compute(oblasts, List.of(kyiv), s -> {});
    for (AreaTime time : atlas.areas()) {
      if (time.area().geometry().covers(point(kyiv))) {
        assertThat(time.rangeKm()).isZero();
        assertThat(time.flightTimeS().getAsDouble()).isEqualTo(settings.boostS());
        continue;
      }
      double nearestVertexKm = Double.POSITIVE_INFINITY;
      for (var c : time.area().geometry().getCoordinates()) {
        nearestVertexKm =
            Math.min(
                nearestVertexKm, Geodesics.WGS84.distanceM(kyiv, GeoPoint.of(c.y, c.x)) / 1000);
      }
      assertThat(time.rangeKm()).as(time.area().id()).isLessThanOrEqualTo(nearestVertexKm + 0.5);
      assertThat(time.area().geometry().distance(point(time.nearest()))).isLessThan(1e-6);
    }
  }

  @Test
  void launchPointsAreBounded() {
    ShelterAtlas atlas = new ShelterAtlas(AtlasSettings.of(ThreatClass.SRBM), Runnable::run);
    assertThatThrownBy(() -> atlas.compute(HROMADAS, List.of(), s -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("launch points must number 1 to 1000, were 0");
  }

  @Test
  void settingsRefuseAllowancesOutOfBounds() {
    assertThatThrownBy(() -> AtlasSettings.of(ThreatClass.IRBM).withBoostS(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("boost must be within [0, 900] s, was -1.0 s");
    assertThatThrownBy(() -> AtlasSettings.of(ThreatClass.IRBM).withDetectionLatencyS(Double.NaN))
        .hasMessage("detection latency must be within [0, 900] s, was NaN s");
  }

  private static org.locationtech.jts.geom.Point point(GeoPoint point) {
    return new org.locationtech.jts.geom.GeometryFactory()
        .createPoint(
            new org.locationtech.jts.geom.Coordinate(point.longitudeDeg(), point.latitudeDeg()));
  }

  private static Map<String, AreaTime> byId(Atlas atlas) {
    return atlas.areas().stream()
        .collect(Collectors.toMap(time -> time.area().id(), Function.identity()));
  }
}
