package org.tocsin.sirens;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tocsin.alert.AlertEvent;
import org.tocsin.alert.AlertLevel;
import org.tocsin.alert.AlertStatus;
import org.tocsin.alert.AreaWarning;
import org.tocsin.alert.MessageType;
import org.tocsin.node.PublishedEvent;

class AreaStatesTest {

  private static final Instant T = Instant.parse("2026-12-02T09:00:00Z");

  private final LatestPerArea queue = new LatestPerArea(10);
  private final AreaStates states = new AreaStates(queue, AlertStatus.EXERCISE, () -> T);

  private static PublishedEvent event(
      String threat, MessageType type, AlertStatus status, Instant at, AreaWarning... warnings) {
    return new PublishedEvent(
        1,
        new AlertEvent(
            threat + "-1", at, threat, type, List.of(warnings), "test", Optional.empty()),
        status,
        PublishedEvent.Origin.ENGINE);
  }

  private static AreaWarning warning(String area, AlertLevel level, Instant arrival) {
    return new AreaWarning(area, level, 0.5, arrival);
  }

  private Map<String, SirenState> taken() throws InterruptedException {
    return queue.takeAll(Duration.ZERO);
  }

  @Test
  void anAreaTakesTheHighestLevelAndEarliestArrivalOfTheThreatsOverIt() throws Exception {
    states.apply(
        event(
            "T1",
            MessageType.ALERT,
            AlertStatus.EXERCISE,
            T,
            warning("A", AlertLevel.PREPARE, T.plusSeconds(300))));
    states.apply(
        event(
            "T2",
            MessageType.ALERT,
            AlertStatus.EXERCISE,
            T.plusSeconds(5),
            warning("A", AlertLevel.SHELTER, T.plusSeconds(400)),
            warning("B", AlertLevel.PREPARE, T.plusSeconds(400))));

    Map<String, SirenState> taken = taken();

    assertThat(taken).containsOnlyKeys("A", "B");
    SirenState a = taken.get("A");
    assertThat(a.level()).isEqualTo(SirenLevel.SHELTER);
    assertThat(a.threats()).containsExactly("T1", "T2");
    assertThat(a.earliestArrival()).contains(T.plusSeconds(300));
    assertThat(a.status()).isEqualTo(AlertStatus.EXERCISE);
    assertThat(a.updated()).isEqualTo(T.plusSeconds(5));
  }

  @Test
  void anAdvanceNoticeInForceAtStartGivesNoArrivalAsWhenItCameLive() throws Exception {
    // After a restart the sirens start from the warnings in force: an authority's advance notice
    // among them carries a stand-in arrival, which a siren must not show (it did: seen failing).
    states.seed(
        Map.of(
            "U1", List.of(warning("A", AlertLevel.PREPARE, T.plusSeconds(1_800))),
            "T1", List.of(warning("B", AlertLevel.SHELTER, T.plusSeconds(300)))),
        threat -> AlertStatus.EXERCISE,
        threat -> !threat.equals("U1"),
        T);

    Map<String, SirenState> taken = taken();

    assertThat(taken.get("A").level()).isEqualTo(SirenLevel.PREPARE);
    assertThat(taken.get("A").earliestArrival()).isEmpty();
    assertThat(taken.get("B").earliestArrival()).contains(T.plusSeconds(300));
  }

  @Test
  void anActualThreatOutranksAnExerciseOverTheSameArea() throws Exception {
    states.apply(
        event(
            "X1",
            MessageType.ALERT,
            AlertStatus.EXERCISE,
            T,
            warning("A", AlertLevel.SHELTER, T.plusSeconds(60))));
    states.apply(
        event(
            "R1",
            MessageType.ALERT,
            AlertStatus.ACTUAL,
            T,
            warning("A", AlertLevel.PREPARE, T.plusSeconds(600))));

    SirenState a = taken().get("A");

    assertThat(a.status()).isEqualTo(AlertStatus.ACTUAL);
    assertThat(a.level()).isEqualTo(SirenLevel.PREPARE);
    assertThat(a.threats()).containsExactly("R1");
  }

  @Test
  void anAreaGoesToNoneOnlyWhenEveryThreatOverItIsStoodDown() throws Exception {
    AreaWarning a = warning("A", AlertLevel.SHELTER, T.plusSeconds(60));
    states.apply(event("T1", MessageType.ALERT, AlertStatus.EXERCISE, T, a));
    states.apply(event("T2", MessageType.ALERT, AlertStatus.EXERCISE, T, a));
    taken();

    states.apply(event("T1", MessageType.CANCEL, AlertStatus.EXERCISE, T.plusSeconds(1)));
    assertThat(taken().get("A").threats()).containsExactly("T2");

    states.apply(event("T2", MessageType.ALL_CLEAR, AlertStatus.EXERCISE, T.plusSeconds(2), a));
    SirenState none = taken().get("A");
    assertThat(none.level()).isEqualTo(SirenLevel.NONE);
    assertThat(none.status()).isEqualTo(AlertStatus.EXERCISE);
    assertThat(none.threats()).isEmpty();
    assertThat(none.earliestArrival()).isEmpty();
    assertThat(states.warnedState("A")).isEmpty();
  }

  @Test
  void anUpdateThatChangesNothingForAnAreaQueuesNothingForIt() throws Exception {
    AreaWarning a = warning("A", AlertLevel.SHELTER, T.plusSeconds(60));
    states.apply(event("T1", MessageType.ALERT, AlertStatus.EXERCISE, T, a));
    taken();

    states.apply(
        event(
            "T1",
            MessageType.UPDATE,
            AlertStatus.EXERCISE,
            T.plusSeconds(3),
            a,
            warning("B", AlertLevel.PREPARE, T.plusSeconds(90))));

    assertThat(taken()).containsOnlyKeys("B");
  }

  @Test
  void aRetainedStateThatDiffersFromTheAreasIsCorrected() throws Exception {
    states.apply(
        event(
            "T1",
            MessageType.ALERT,
            AlertStatus.EXERCISE,
            T,
            warning("A", AlertLevel.SHELTER, T.plusSeconds(60))));
    SirenState a = taken().get("A");

    states.reconcile("A", a.json());
    states.reconcile("B", SirenState.none(AlertStatus.ACTUAL, T).json());
    assertThat(taken()).isEmpty();

    byte[] staleShelter = a.json();
    states.reconcile("B", staleShelter);
    states.reconcile("C", "not json".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    states.reconcile("A", SirenState.none(AlertStatus.EXERCISE, T).json());
    Map<String, SirenState> corrected = taken();
    assertThat(corrected.get("B").level()).isEqualTo(SirenLevel.NONE);
    assertThat(corrected.get("C").level()).isEqualTo(SirenLevel.NONE);
    assertThat(corrected.get("A")).isEqualTo(a);
  }

  @Test
  void theQueueKeepsOnlyTheLatestStateOfEachArea() throws Exception {
    for (int i = 0; i < 50; i++) {
      AreaWarning a = warning("A", i % 2 == 0 ? AlertLevel.SHELTER : AlertLevel.PREPARE, T);
      states.apply(event("T1", MessageType.UPDATE, AlertStatus.EXERCISE, T.plusSeconds(i), a));
    }

    Map<String, SirenState> taken = taken();

    assertThat(taken).hasSize(1);
    assertThat(taken.get("A").level()).isEqualTo(SirenLevel.PREPARE);
    assertThat(taken.get("A").updated()).isEqualTo(T.plusSeconds(49));
  }
}
