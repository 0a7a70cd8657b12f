package org.tocsin.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tocsin.alert.AlertLevel;
import org.tocsin.alert.AlertStatus;
import org.tocsin.alert.MessageText;
import org.tocsin.alert.MessageType;
import org.tocsin.alert.Policy;
import org.tocsin.alert.UpstreamAlert;
import org.tocsin.alert.WarningPipeline;
import org.tocsin.area.AreaSets;
import org.tocsin.store.MutableClock;

/**
 * The live warnings' side of the relay, on a clock the test moves: an upstream alert keeps its
 * authority's status, is published with origin upstream, is replaced by its Update under the same
 * threat, and ends by itself when the authority's message expires.
 */
class UpstreamLiveWarningsTest {

  private static final Instant T0 = Instant.parse("2026-03-02T01:00:00Z");
  private static final MessageText TEXT =
      new MessageText(
          "Пуск ракет", "Missile launch", "Опис", "Description", "В укриття", "Take shelter");

  private final MutableClock clock = new MutableClock(T0);
  private final LiveWarnings live =
      new LiveWarnings(
          new WarningPipeline(Policy.DEFAULT, AreaSets.bundled("ua-oblasts")),
          clock,
          AlertStatus.ACTUAL,
          1);
  private final List<PublishedEvent> published = new ArrayList<>();

  {
    live.subscribe(published::add);
  }

  private static UpstreamAlert alert(
      String identifier, AlertLevel level, List<String> areas, Instant expires) {
    return new UpstreamAlert(
        "U1",
        "air-force",
        Optional.of("SHA256:" + "0".repeat(64)),
        "air-force.example",
        identifier,
        AlertStatus.EXERCISE,
        level,
        areas,
        Optional.of(T0.plus(Duration.ofMinutes(5))),
        expires,
        TEXT);
  }

  @Test
  void anUpstreamAlertIsPublishedWithItsAuthorityAndItsStatus() {
    PublishedEvent event =
        live.execute(
                new Command.Relay(
                    alert("a", AlertLevel.SHELTER, List.of("UA12"), T0.plus(Duration.ofHours(1))),
                    live.now()))
            .get(0);

    assertThat(event.origin()).isEqualTo(PublishedEvent.Origin.UPSTREAM);
    assertThat(event.authority()).contains("air-force");
    assertThat(event.status()).isEqualTo(AlertStatus.EXERCISE);
    assertThat(event.event().type()).isEqualTo(MessageType.ALERT);
    assertThat(event.event().areas().get(0).earliestArrival())
        .isEqualTo(T0.plus(Duration.ofMinutes(5)));
    assertThat(live.upstreamThreatOf("air-force.example", "a")).contains("U1");
    assertThat(published).containsExactly(event);
  }

  @Test
  void anUpdateReplacesTheAlertUnderTheSameThreat() {
    live.execute(
        new Command.Relay(
            alert("a", AlertLevel.SHELTER, List.of("UA12"), T0.plus(Duration.ofHours(1))),
            live.now()));

    PublishedEvent update =
        live.execute(
                new Command.Relay(
                    alert(
                        "b",
                        AlertLevel.PREPARE,
                        List.of("UA23", "UA12"),
                        T0.plus(Duration.ofHours(1))),
                    live.now()))
            .get(0);

    assertThat(update.event().type()).isEqualTo(MessageType.UPDATE);
    assertThat(update.event().references()).contains("U1-1");
    assertThat(live.inForce().get("U1"))
        .extracting(w -> w.areaId() + ":" + w.level().id())
        .containsExactly("UA12:prepare", "UA23:prepare");
    assertThat(live.upstreamThreatOf("air-force.example", "b")).contains("U1");
  }

  @Test
  void theAlertEndsWhenTheAuthoritysMessageExpiresAndNotBefore() {
    Instant expires = T0.plus(Duration.ofMinutes(30));
    live.execute(
        new Command.Relay(alert("a", AlertLevel.PREPARE, List.of("UA12"), expires), live.now()));

    clock.set(expires.minusSeconds(1));
    assertThat(live.tick()).isEmpty();
    clock.set(expires);
    List<PublishedEvent> ended = live.tick();

    assertThat(ended)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.event().type()).isEqualTo(MessageType.CANCEL);
              assertThat(e.event().reason()).contains("air-force").contains("expired");
              assertThat(e.origin()).isEqualTo(PublishedEvent.Origin.UPSTREAM);
            });
    assertThat(live.inForce()).isEmpty();
    assertThat(live.tick()).isEmpty();
  }

  @Test
  void anUpstreamCancelEndsItsAlertOnly() {
    live.execute(
        new Command.Relay(
            alert("a", AlertLevel.PREPARE, List.of("UA12"), T0.plus(Duration.ofHours(1))),
            live.now()));

    Optional<PublishedEvent> cancel =
        live.execute(new Command.CancelUpstream("U1", live.now())).stream().findFirst();

    assertThat(cancel).isPresent();
    assertThat(cancel.get().event().reason())
        .startsWith("cancelled by upstream authority air-force (status ");
    assertThat(org.tocsin.alert.RelayReason.read(cancel.get().event().reason()))
        .hasValueSatisfying(relay -> assertThat(relay.authority()).isEqualTo("air-force"));
    assertThat(live.execute(new Command.CancelUpstream("U1", live.now()))).isEmpty();
    assertThat(live.execute(new Command.CancelUpstream("M1", live.now()))).isEmpty();
  }
}
