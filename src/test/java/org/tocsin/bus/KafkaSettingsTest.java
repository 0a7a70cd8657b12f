package org.tocsin.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class KafkaSettingsTest {

  @Test
  void productionSettingsKeepAReportOnTwoOfThreeReplicas() {
    KafkaSettings settings = KafkaSettings.production("k1:9092,k2:9092,k3:9092");
    assertThat(settings.replicationFactor()).isEqualTo((short) 3);
    assertThat(settings.minInsyncReplicas()).isEqualTo(2);
    assertThat(settings.withOneReplica().minInsyncReplicas()).isEqualTo(1);
  }

  @Test
  void badSettingsAreRefusedNamingTheFieldAndTheRule() {
    assertThatThrownBy(() -> KafkaSettings.production("localhost"))
        .hasMessage("bootstrapServers must be HOST:PORT[,HOST:PORT...], was 'localhost'");
    assertThatThrownBy(() -> KafkaSettings.production("k:9092").withNamePrefix("a b"))
        .hasMessageStartingWith("reportsTopic must be 1 to 200 of [a-zA-Z0-9._-]");
    assertThatThrownBy(
            () -> new KafkaSettings("k:9092", "r", "e", "g", (short) 1, 2, Duration.ofSeconds(30)))
        .hasMessage("minInsyncReplicas must be within [1, replicationFactor 1], was 2");
    assertThatThrownBy(
            () -> new KafkaSettings("k:9092", "r", "r", "g", (short) 1, 1, Duration.ofSeconds(30)))
        .hasMessage("reportsTopic and eventsTopic must differ, both were 'r'");
    assertThatThrownBy(
            () -> new KafkaSettings("k:9092", "r", "e", "g", (short) 1, 1, Duration.ofMillis(10)))
        .hasMessage("appendTimeout must be within [1 s, 5 min], was PT0.01S");
  }
}
