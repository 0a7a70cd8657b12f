package org.tocsin.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tocsin.alert.AlertLevel;
import org.tocsin.alert.AlertStatus;
import org.tocsin.alert.ManualAlert;
import org.tocsin.alert.MessageText;
import org.tocsin.alert.MessageType;
import org.tocsin.alert.Policy;
import org.tocsin.alert.WarningPipeline;
import org.tocsin.area.AreaSets;
import org.tocsin.store.MutableClock;

/**
 * The writer's event feed: a subscriber that joins after an event id gets what it missed, then
 * every event published from then on, each once and in order; commands decide at their own time.
 */
class EventFeedTest {

  private static final Instant T0 = Instant.parse("2026-03-02T01:00:00Z");
  private static final MessageText TEXT =
      new MessageText(
          "Пуск ракет", "Missile launch", "Опис", "Description", "В укриття", "Take shelter");

  private final MutableClock clock = new MutableClock(T0);
  private final LiveWarnings live =
      new LiveWarnings(
          new WarningPipeline(Policy.DEFAULT, AreaSets.bundled("ua-oblasts")),
          clock,
          AlertStatus.EXERCISE,
          1);

  private static ManualAlert alert(String threat, String area) {
    return new ManualAlert(
        threat,
        AlertStatus.EXERCISE,
        AlertLevel.SHELTER,
        List.of(area),
        Duration.ofMinutes(10),
        TEXT);
  }

  private String area(int index) {
    return AreaSets.bundled("ua-oblasts").areas().get(index).id();
  }

  @Test
  void aSubscriberJoiningAfterAnEventGetsWhatItMissedThenEveryLiveEventOnce() {
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(
          live.execute(new Command.Issue(alert("M" + i, area(i)), live.now())).get(0).sequence());
    }
    List<PublishedEvent> seen = new ArrayList<>();

    live.subscribe(ids.get(0), seen::add);
    live.execute(new Command.StandDown("M0", MessageType.CANCEL, live.now()));

    assertThat(seen)
        .extracting(event -> event.event().threatId() + ":" + event.event().type())
        .containsExactly("M1:ALERT", "M2:ALERT", "M0:CANCEL");
    assertThat(seen).extracting(PublishedEvent::sequence).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void aCommandIsDecidedAtItsOwnTimeNotAtTheClocksReading() {
    Instant decidedAt = T0.minus(Duration.ofMinutes(3));

    PublishedEvent event = live.execute(new Command.Issue(alert("M1", area(0)), decidedAt)).get(0);

    assertThat(event.event().time()).isEqualTo(decidedAt);
    assertThat(live.snapshot().inForce()).containsOnlyKeys("M1");
    assertThat(live.execute(new Command.StandDown("M9", MessageType.CANCEL, T0))).isEmpty();
  }
}
