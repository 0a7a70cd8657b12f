package org.tocsin.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tocsin.alert.AlertLevel;
import org.tocsin.alert.AlertStatus;
import org.tocsin.alert.MessageText;
import org.tocsin.alert.UpstreamAlert;

/** The upstream alerts kept are bounded, and those in force are never the ones forgotten. */
class UpstreamThreatsTest {

  private static final MessageText TEXT = new MessageText("a", "a", "b", "b", "c", "c");

  private static UpstreamAlert alert(int n) {
    return new UpstreamAlert(
        "U" + n,
        "dsns",
        Optional.empty(),
        "dsns.example",
        "m" + n,
        AlertStatus.TEST,
        AlertLevel.PREPARE,
        List.of("UA12"),
        Optional.empty(),
        Instant.parse("2026-03-02T02:00:00Z"),
        TEXT);
  }

  @Test
  void theOldestAlertsNoLongerInForceAreForgottenBeyondTheBound() {
    UpstreamThreats threats = new UpstreamThreats();
    int extra = 25;
    Set<String> inForce = Set.of("U1", "U2");

    for (int n = 1; n <= UpstreamThreats.MAX_KEPT + extra; n++) {
      threats.put(alert(n), inForce);
    }

    assertThat(threats.size()).isEqualTo(UpstreamThreats.MAX_KEPT);
    assertThat(threats.contains("U1")).isTrue();
    assertThat(threats.contains("U2")).isTrue();
    assertThat(threats.contains("U3")).isFalse();
    assertThat(threats.threatOf("dsns.example", "m3")).isEmpty();
    assertThat(threats.contains("U" + (UpstreamThreats.MAX_KEPT + extra))).isTrue();
    assertThat(threats.threatOf("dsns.example", "m" + (UpstreamThreats.MAX_KEPT + extra)))
        .contains("U" + (UpstreamThreats.MAX_KEPT + extra));
  }
}
