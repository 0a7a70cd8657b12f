package org.tocsin.sirens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MqttSettingsTest {

  @Test
  void aTcpOrSslBrokerWithHostAndPortIsTaken() {
    assertThat(MqttSettings.of("tcp://127.0.0.1:1883").brokerUri().getPort()).isEqualTo(1883);
    assertThat(MqttSettings.of("ssl://broker.example.org:8883").brokerUri().getHost())
        .isEqualTo("broker.example.org");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1:1883",
        "tcp://127.0.0.1",
        "tcp://127.0.0.1:0",
        "tcp://127.0.0.1:70000",
        "tcp://user:secret@127.0.0.1:1883",
        "tcp://127.0.0.1:1883/path",
        "tcp://127.0.0.1:1883?x=1",
        "127.0.0.1:1883",
        "tcp:// bad:1883",
        ""
      })
  void anythingElseIsRefusedNamingTheOptionAndTheValue(String uri) {
    assertThatThrownBy(() -> MqttSettings.of(uri))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--mqtt")
        .hasMessageContaining("tcp://HOST:PORT")
        .hasMessageContaining("'" + uri + "'");
  }

  @Test
  void theDerivedClientIdIsUniqueAndWithinMqttLimits() {
    String first = MqttSettings.of("tcp://127.0.0.1:1883").clientId();
    String second = MqttSettings.of("tcp://127.0.0.1:1883").clientId();
    assertThat(first).matches("tocsin-[0-9a-f]{16}").isNotEqualTo(second);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a/+/b", "a/#", "$SYS", "a//b", "/a", "a/"})
  void aTopicRootWithWildcardsOrEmptyLevelsIsRefused(String root) {
    MqttSettings settings = MqttSettings.of("tcp://127.0.0.1:1883");
    assertThatThrownBy(() -> settings.withTopicRoot(root))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--mqtt-topic-root");
  }

  @Test
  void statesGoToRootSetArea() {
    MqttSettings settings = MqttSettings.of("tcp://127.0.0.1:1883").withTopicRoot("city/sirens");
    assertThat(settings.topic("ua-hromadas", "UA1202001"))
        .isEqualTo("city/sirens/ua-hromadas/UA1202001");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "has space", "waytoolongclientidentifier24", "a/b"})
  void aClientIdOutsideMqttsPromiseIsRefused(String id) {
    MqttSettings settings = MqttSettings.of("tcp://127.0.0.1:1883");
    assertThatThrownBy(() -> settings.withClientId(id))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--mqtt-client-id");
  }
}
