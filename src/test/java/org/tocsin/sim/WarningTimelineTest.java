package org.tocsin.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tocsin.alert.AlertEvent;
import org.tocsin.alert.AlertLevel;
import org.tocsin.alert.AreaWarning;
import org.tocsin.alert.MessageType;

/** The report's notion of "under alert" and "under shelter", from full-state events. */
class WarningTimelineTest {

  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  private static AlertEvent event(
      String threat, int seconds, MessageType type, AreaWarning... warnings) {
    return new AlertEvent(
        threat + "-" + seconds,
        T0.plusSeconds(seconds),
        threat,
        type,
        List.of(warnings),
        "test",
        Optional.empty());
  }

  private static AreaWarning warn(String area, AlertLevel level) {
    return new AreaWarning(area, level, 0.5, T0.plusSeconds(600));
  }

  @Test
  void aStateIsInForceUntilTheThreatsNextEvent() {
    WarningTimeline timeline =
        new WarningTimeline(
            List.of(
                event("T1", 10, MessageType.ALERT, warn("A", AlertLevel.PREPARE)),
                event("T1", 40, MessageType.UPDATE, warn("A", AlertLevel.SHELTER)),
                event("T1", 300, MessageType.ALL_CLEAR, warn("A", AlertLevel.SHELTER))));

    assertThat(timeline.stretchAt("A", AlertLevel.PREPARE, T0.plusSeconds(100)))
        .contains(new WarningTimeline.Stretch(T0.plusSeconds(10), T0.plusSeconds(300)));
    assertThat(timeline.stretchAt("A", AlertLevel.SHELTER, T0.plusSeconds(100)))
        .contains(new WarningTimeline.Stretch(T0.plusSeconds(40), T0.plusSeconds(300)));
    assertThat(timeline.stretchAt("A", AlertLevel.SHELTER, T0.plusSeconds(20))).isEmpty();
    assertThat(timeline.stretchAt("A", AlertLevel.SHELTER, T0.plusSeconds(300))).isEmpty();
    assertThat(timeline.firstTime("A", AlertLevel.PREPARE)).contains(T0.plusSeconds(10));
  }

  @Test
  void anInterruptionStartsANewStretchAndTwoThreatsJoinTheirs() {
    WarningTimeline timeline =
        new WarningTimeline(
            List.of(
                event("T1", 10, MessageType.ALERT, warn("A", AlertLevel.SHELTER)),
                event("T1", 50, MessageType.UPDATE, warn("B", AlertLevel.SHELTER)),
                event("T2", 45, MessageType.ALERT, warn("A", AlertLevel.SHELTER)),
                event("T2", 60, MessageType.CANCEL),
                event("T1", 80, MessageType.UPDATE, warn("A", AlertLevel.SHELTER))));

    // T1 held A from 10 s, T2 from 45 s to 60 s: joined, A was sheltered from 10 s to 60 s.
    assertThat(timeline.stretchAt("A", AlertLevel.SHELTER, T0.plusSeconds(55)))
        .contains(new WarningTimeline.Stretch(T0.plusSeconds(10), T0.plusSeconds(60)));
    assertThat(timeline.stretchAt("A", AlertLevel.SHELTER, T0.plusSeconds(70))).isEmpty();
    // From 80 s again, open-ended: the last uninterrupted stretch.
    assertThat(timeline.stretchAt("A", AlertLevel.SHELTER, T0.plusSeconds(500)))
        .contains(new WarningTimeline.Stretch(T0.plusSeconds(80), null));
    assertThat(timeline.areasEver(AlertLevel.SHELTER)).containsExactly("A", "B");
  }
}
