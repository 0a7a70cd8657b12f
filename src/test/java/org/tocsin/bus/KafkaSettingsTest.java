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
            () ->
                new KafkaSettings(
                    "k:9092", "r", "e", "g", "d", "dg", (short) 1, 2, Duration.ofSeconds(30)))
        .hasMessage("minInsyncReplicas must be within [1, replicationFactor 1], was 2");
    assertThatThrownBy(
            () ->
                new KafkaSettings(
                    "k:9092", "r", "r", "g", "d", "dg", (short) 1, 1, Duration.ofSeconds(30)))
        .hasMessage("reportsTopic and eventsTopic must differ, both were 'r'");
    assertThatThrownBy(
            () ->
                new KafkaSettings(
                    "k:9092", "r", "e", "g", "d", "dg", (short) 1, 1, Duration.ofMillis(10)))
        .hasMessage("appendTimeout must be within [1 s, 5 min], was PT0.01S");
  }

  @Test
  void theDeliveryTopicAndGroupAreNamedCheckedAndKeptApart() {
    KafkaSettings settings = KafkaSettings.production("k:9092").withNamePrefix("t1.");
    assertThat(settings.deliveryTopic()).isEqualTo("t1.tocsin.delivery-partitions");
    assertThat(settings.deliveryGroup()).isEqualTo("t1.tocsin.delivery");
    assertThatThrownBy(() -> settings("r", "e", "g", "bad topic", "dg"))
        .hasMessage("deliveryTopic must be 1 to 200 of [a-zA-Z0-9._-], was 'bad topic'");
    assertThatThrownBy(() -> settings("r", "e", "g", "d", ""))
        .hasMessage("deliveryGroup must be 1 to 200 of [a-zA-Z0-9._-], was ''");
    assertThatThrownBy(() -> settings("r", "e", "g", "e", "dg"))
        .hasMessage("eventsTopic and deliveryTopic must differ, both were 'e'");
    assertThatThrownBy(() -> settings("r", "e", "g", "r", "dg"))
        .hasMessage("reportsTopic and deliveryTopic must differ, both were 'r'");
    assertThatThrownBy(() -> settings("r", "e", "g", "d", "g"))
        .hasMessage("engineGroup and deliveryGroup must differ, both were 'g'");
  }

  private static KafkaSettings settings(
      String reports, String events, String engine, String delivery, String deliveryGroup) {
    return new KafkaSettings(
        "k:9092",
        reports,
        events,
        engine,
        delivery,
        deliveryGroup,
        (short) 1,
        1,
        Duration.ofSeconds(30));
  }
}
