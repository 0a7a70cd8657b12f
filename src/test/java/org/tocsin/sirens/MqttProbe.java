package org.tocsin.sirens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A siren controller for tests: a real MQTT subscriber (Paho) on a topic filter that keeps every
 * payload it receives, by topic, in order, and whether the broker sent it as retained.
 */
public final class MqttProbe implements AutoCloseable {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** What arrived on one topic. */
  public record Received(JsonNode payload, boolean retained) {}

  private final MqttClient client;
  private final Map<String, List<Received>> byTopic = new ConcurrentHashMap<>();

  private MqttProbe(String brokerUri) throws MqttException {
    client =
        new MqttClient(
            brokerUri,
            "probe-" + UUID.randomUUID().toString().substring(0, 12),
            new MemoryPersistence());
  }

  /** Connects and subscribes to {@code filter} at QoS 1. */
  public static MqttProbe subscribe(String brokerUri, String filter) throws MqttException {
    return subscribe(brokerUri, filter, null, null);
  }

  /** Connects as {@code user} (if not null) and subscribes to {@code filter} at QoS 1. */
  public static MqttProbe subscribe(String brokerUri, String filter, String user, char[] password)
      throws MqttException {
    MqttProbe probe = new MqttProbe(brokerUri);
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(true);
    if (user != null) {
      options.setUserName(user);
      options.setPassword(password);
    }
    probe.client.connect(options);
    probe.client.subscribe(filter, 1, probe::arrived);
    return probe;
  }

  private void arrived(String topic, MqttMessage message) {
    if (message.getPayload().length == 0) {
      return; // a retained message cleared
    }
    try {
      JsonNode payload = MAPPER.readTree(message.getPayload());
      byTopic
          .computeIfAbsent(topic, t -> java.util.Collections.synchronizedList(new ArrayList<>()))
          .add(new Received(payload, message.isRetained()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Everything received on {@code topic}, oldest first. */
  public List<Received> on(String topic) {
    List<Received> received = byTopic.getOrDefault(topic, List.of());
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  /** The last payload received on each topic. */
  public Map<String, JsonNode> latest() {
    Map<String, JsonNode> latest = new java.util.TreeMap<>();
    byTopic.forEach(
        (topic, received) -> {
          synchronized (received) {
            latest.put(topic, received.get(received.size() - 1).payload());
          }
        });
    return latest;
  }

  /**
   * Waits until {@code condition} holds of the latest payloads, for at most {@code patience}.
   *
   * @throws AssertionError with what was received, when it never held
   */
  public Map<String, JsonNode> awaitLatest(
      Predicate<Map<String, JsonNode>> condition, Duration patience) throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    while (true) {
      Map<String, JsonNode> latest = latest();
      if (condition.test(latest)) {
        return latest;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the condition never held within " + patience + "; had " + latest);
      }
      Thread.sleep(20);
    }
  }

  /** Publishes {@code payload} retained at QoS 1, as another program (or an earlier run) would. */
  public void publishRetained(String topic, byte[] payload) throws MqttException {
    client.publish(topic, payload, 1, true);
  }

  /** Removes every retained message this probe saw, so that runs leave the broker clean. */
  public void clearRetained() throws MqttException {
    for (String topic : byTopic.keySet()) {
      client.publish(topic, new byte[0], 1, true);
    }
  }

  @Override
  public void close() throws MqttException {
    if (client.isConnected()) {
      client.disconnect();
    }
    client.close();
  }
}
