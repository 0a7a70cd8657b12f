package org.tocsin.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tocsin.area.AreaSet;
import org.tocsin.area.AreaSets;
import org.tocsin.area.ImpactSample;
import org.tocsin.geo.GeoPoint;
import org.tocsin.predict.Footprint;
import org.tocsin.predict.ImpactEllipse;

class DecisionEngineTest {

  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  /** Three side-by-side cells of 0.5° × 0.5° along the equator: A, B, C. */
  private static final AreaSet CELLS =
      AreaSets.fromGeoJson(
          "cells",
          new ByteArrayInputStream(
              ("{\"type\":\"FeatureCollection\",\"features\":["
                      + cell("A", 30.0)
                      + ","
                      + cell("B", 30.5)
                      + ","
                      + cell("C", 31.0)
                      + "]}")
                  .getBytes(StandardCharsets.UTF_8)),
          "code");

  private static String cell(String id, double west) {
    double east = west + 0.5;
    return "{\"type\":\"Feature\",\"properties\":{\"code\":\""
        + id
        + "\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[["
        + west
        + ",0],["
        + east
        + ",0],["
        + east
        + ",0.5],["
        + west
        + ",0.5],["
        + west
        + ",0]]]}}";
  }

  private final DecisionEngine engine = new DecisionEngine(Policy.DEFAULT, CELLS);

  /** A footprint with all its mass at one point, σ as given, arriving at {@code arrival}. */
  private static Footprint at(double lon, double sigmaM, Instant now, Instant arrival) {
    GeoPoint point = GeoPoint.of(0.25, lon);
    return new Footprint(
        "T1",
        now,
        Footprint.Kind.TRACK,
        point,
        new ImpactEllipse(sigmaM, sigmaM, 0),
        arrival,
        arrival,
        arrival,
        List.of(List.of(new ImpactSample(point, 1.0))),
        1,
        Optional.empty());
  }

  @Test
  void anImpreciseFootprintWarnsToPrepareAndSheltersAtTheDeadline() {
    Instant arrival = T0.plusSeconds(600);
    AlertEvent first = engine.decide(at(30.25, 20_000, T0, arrival), T0).orElseThrow();
    assertThat(first.type()).isEqualTo(MessageType.ALERT);
    assertThat(first.areaIds(AlertLevel.PREPARE)).contains("A");
    assertThat(first.areaIds(AlertLevel.SHELTER)).isEmpty();
    assertThat(first.references()).isEmpty();

    assertThat(engine.tick(T0.plusSeconds(299))).isEmpty();
    List<AlertEvent> deadline = engine.tick(T0.plusSeconds(300));
    assertThat(deadline).hasSize(1);
    assertThat(deadline.get(0).type()).isEqualTo(MessageType.UPDATE);
    assertThat(deadline.get(0).areaIds(AlertLevel.SHELTER)).contains("A");
    assertThat(deadline.get(0).references()).contains(first.id());
  }

  @Test
  void aPreciseTrackSheltersAtOnce() {
    AlertEvent event = engine.decide(at(30.25, 500, T0, T0.plusSeconds(800)), T0).orElseThrow();
    assertThat(event.areaIds(AlertLevel.SHELTER)).containsExactly("A");
    assertThat(event.areaIds(AlertLevel.PREPARE)).isEmpty();
  }

  @Test
  void theBufferReachesTheNeighbourOnlyNearTheBorder() {
    Instant arrival = T0.plusSeconds(800);
    AlertEvent nearBorder = engine.decide(at(30.48, 500, T0, arrival), T0).orElseThrow();
    assertThat(nearBorder.areaIds(AlertLevel.SHELTER)).containsExactly("A", "B");
    DecisionEngine other = new DecisionEngine(Policy.DEFAULT, CELLS);
    AlertEvent central = other.decide(at(30.25, 500, T0, arrival), T0).orElseThrow();
    assertThat(central.areaIds(AlertLevel.SHELTER)).containsExactly("A");
  }

  @Test
  void anAreaLeftBehindIsReleasedOnlyAfterThreeDecisionsOverThirtySeconds() {
    Instant arrival = T0.plusSeconds(800);
    engine.decide(at(30.25, 500, T0, arrival), T0);
    assertThat(engine.decide(at(30.75, 500, T0.plusSeconds(2), arrival), T0.plusSeconds(2)))
        .hasValueSatisfying(
            e -> assertThat(e.areaIds(AlertLevel.SHELTER)).containsExactly("A", "B"));
    assertThat(engine.decide(at(30.75, 500, T0.plusSeconds(4), arrival), T0.plusSeconds(4)))
        .isEmpty();
    assertThat(engine.decide(at(30.75, 500, T0.plusSeconds(6), arrival), T0.plusSeconds(6)))
        .isEmpty();
    assertThat(engine.decide(at(30.75, 500, T0.plusSeconds(31), arrival), T0.plusSeconds(31)))
        .as("low for 29 s only")
        .isEmpty();
    AlertEvent released =
        engine
            .decide(at(30.75, 500, T0.plusSeconds(32), arrival), T0.plusSeconds(32))
            .orElseThrow();
    assertThat(released.type()).isEqualTo(MessageType.UPDATE);
    assertThat(released.areaIds(AlertLevel.SHELTER)).containsExactly("B");
  }

  @Test
  void aLevelNeverStepsDownWhileTheAreaStaysWarned() {
    Instant arrival = T0.plusSeconds(800);
    engine.decide(at(30.25, 500, T0, arrival), T0);
    assertThat(engine.decide(at(30.25, 20_000, T0.plusSeconds(2), arrival), T0.plusSeconds(2)))
        .isEmpty();
    assertThat(engine.inForce().get("T1"))
        .allSatisfy(warning -> assertThat(warning.level()).isEqualTo(AlertLevel.SHELTER));
  }

  @Test
  void aThreatHeadingOutToSeaIsCancelled() {
    Instant arrival = T0.plusSeconds(800);
    AlertEvent first = engine.decide(at(30.25, 500, T0, arrival), T0).orElseThrow();
    Optional<AlertEvent> last = Optional.empty();
    for (int s = 2; s <= 40; s += 2) {
      Optional<AlertEvent> event =
          engine.decide(at(40.0, 500, T0.plusSeconds(s), arrival), T0.plusSeconds(s));
      if (event.isPresent()) {
        last = event;
      }
    }
    assertThat(last).isPresent();
    assertThat(last.get().type()).isEqualTo(MessageType.CANCEL);
    assertThat(last.get().areas()).isEmpty();
    assertThat(last.get().references()).contains(first.id());
    assertThat(engine.inForce()).isEmpty();
  }

  @Test
  void allClearComesAfterTheLatestArrivalAndTheDelay() {
    Instant arrival = T0.plusSeconds(100);
    engine.decide(at(30.25, 500, T0, arrival), T0);
    assertThat(engine.tick(arrival.plusSeconds(119))).isEmpty();
    List<AlertEvent> allClear = engine.tick(arrival.plusSeconds(120));
    assertThat(allClear).hasSize(1);
    assertThat(allClear.get(0).type()).isEqualTo(MessageType.ALL_CLEAR);
    assertThat(allClear.get(0).areaIds(AlertLevel.SHELTER)).containsExactly("A");
    assertThat(engine.inForce()).isEmpty();
    assertThat(engine.decide(at(30.25, 500, T0, arrival), arrival.plusSeconds(130))).isEmpty();
  }

  @Test
  void releasesAreBatchedAtMostOneAMinute() {
    Instant arrival = T0.plusSeconds(800);
    engine.decide(at(30.25, 500, T0, arrival), T0);
    engine.decide(at(30.75, 500, T0.plusSeconds(2), arrival), T0.plusSeconds(2));
    for (int s = 4; s <= 32; s += 2) {
      engine.decide(at(30.75, 500, T0.plusSeconds(s), arrival), T0.plusSeconds(s));
    }
    assertThat(engine.inForce().get("T1")).extracting(AreaWarning::areaId).containsExactly("B");
    // The footprint moves on to C: B is left behind, but the last release was at 32 s.
    for (int s = 34; s <= 90; s += 2) {
      engine.decide(at(31.25, 500, T0.plusSeconds(s), arrival), T0.plusSeconds(s));
    }
    assertThat(engine.inForce().get("T1")).extracting(AreaWarning::areaId).contains("B", "C");
    AlertEvent released =
        engine
            .decide(at(31.25, 500, T0.plusSeconds(92), arrival), T0.plusSeconds(92))
            .orElseThrow();
    assertThat(released.areaIds(AlertLevel.SHELTER)).containsExactly("C");
  }

  @Test
  void aStandDownEndsAnAutomaticThreatForGoodWhateverFootprintsFollow() {
    Instant arrival = T0.plusSeconds(800);
    AlertEvent first = engine.decide(at(30.25, 500, T0, arrival), T0).orElseThrow();

    AlertEvent correction =
        engine
            .standDown("T1", MessageType.CORRECTION, T0.plusSeconds(5), "issued in error")
            .orElseThrow();

    assertThat(correction.type()).isEqualTo(MessageType.CORRECTION);
    assertThat(correction.references()).contains(first.id());
    assertThat(correction.areaIds(AlertLevel.SHELTER)).containsExactly("A");
    assertThat(engine.inForce()).isEmpty();
    assertThat(engine.decide(at(30.25, 500, T0.plusSeconds(7), arrival), T0.plusSeconds(7)))
        .isEmpty();
    assertThat(engine.tick(T0.plusSeconds(2_000))).isEmpty();
    assertThat(engine.standDown("T1", MessageType.CANCEL, T0.plusSeconds(8), "again")).isEmpty();
  }

  @Test
  void aManualAlertStaysAsIssuedUntilPeopleStandItDown() {
    ManualAlert alert =
        new ManualAlert(
            "M1",
            AlertStatus.EXERCISE,
            AlertLevel.PREPARE,
            List.of("B", "A"),
            java.time.Duration.ofMinutes(10),
            ManualTemplates.forStatus(AlertStatus.EXERCISE).get(0).text());

    AlertEvent issued = engine.issue("M1", alert.warnings(T0), T0, "approved");

    assertThat(issued.type()).isEqualTo(MessageType.ALERT);
    assertThat(issued.areaIds(AlertLevel.PREPARE)).containsExactly("A", "B");
    assertThat(issued.areas().get(0).earliestArrival()).isEqualTo(T0.plusSeconds(600));
    // Ticks past the arrival neither escalate nor clear it: people decided it, people end it.
    assertThat(engine.tick(T0.plusSeconds(3_600))).isEmpty();
    assertThat(engine.inForce().get("M1")).hasSize(2);
    AlertEvent cancel =
        engine.standDown("M1", MessageType.CANCEL, T0.plusSeconds(3_601), "cancel").orElseThrow();
    assertThat(cancel.areas()).isEmpty();
    assertThat(cancel.references()).contains(issued.id());
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> engine.issue("M1", alert.warnings(T0), T0, "again"))
        .hasMessageContaining("already exists");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                engine.issue(
                    "M2",
                    List.of(new AreaWarning("Z", AlertLevel.SHELTER, 1, T0)),
                    T0,
                    "unknown area"))
        .hasMessageContaining("'Z' is not an area of the set cells");
  }
}
