package org.tocsin.sirens;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tocsin.alert.UpstreamAlert;
import org.tocsin.area.Area;
import org.tocsin.area.AreaSet;
import org.tocsin.node.LiveWarnings;
import org.tocsin.node.PublishedEvent;

/**
 * Publishes every area's siren state to an MQTT broker, retained and at QoS 1, so that a siren
 * controller that (re)connects reads the truth at once from its topic {@code ROOT/SET/AREA}.
 *
 * <p>The engine never waits for the broker: the live warnings' subscriber only updates the states
 * and queues the changed ones ({@link AreaStates}, {@link LatestPerArea}: at most one state per
 * area, the latest), and one thread of its own connects and publishes. A broker that is slow or
 * gone lets states pile up at most one per area, intermediate ones dropped.
 *
 * <p>Connections are the publisher thread's: it connects, and after a loss connects again with a
 * growing pause (1 s doubling to 30 s), for ever, whether the first connection ever succeeded or
 * not. On every connection it queues the state of every area not at {@code none}, beside the
 * changes still waiting (those made while disconnected), and subscribes to its own topics to read
 * back what the broker retains: a retained state that differs from the area's (left by an earlier
 * run, say a shelter whose all-clear came while this server was down) is overwritten.
 */
public final class MqttSirens implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MqttSirens.class);

  private static final int QOS_AT_LEAST_ONCE = 1;
  private static final Duration WAIT_FOR_WORK = Duration.ofSeconds(1);
  private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
  private static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);
  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

  /** Publications in flight at once: enough to fill a round trip, within Paho's window. */
  private static final int IN_FLIGHT = 100;

  private final LiveWarnings live;
  private final String setId;
  private final MqttSettings settings;
  private final java.util.Set<String> areaIds;
  private final LatestPerArea queue;
  private final AreaStates states;
  private final MqttAsyncClient client;
  private final Consumer<PublishedEvent> subscriber;
  private final Thread publisher;
  private volatile boolean closed;

  private MqttSirens(LiveWarnings live, AreaSet areas, MqttSettings settings) throws MqttException {
    MqttSettings.requireTopicLevel("area set id", areas.id());
    for (Area area : areas.areas()) {
      MqttSettings.requireTopicLevel("area id", area.id());
    }
    this.live = live;
    this.setId = areas.id();
    this.areaIds =
        areas.areas().stream()
            .map(Area::id)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
    this.settings = settings;
    this.queue = new LatestPerArea(areas.size());
    this.states = new AreaStates(queue, live.status(), live::now);
    this.client =
        new MqttAsyncClient(
            settings.brokerUri().toString(), settings.clientId(), new MemoryPersistence());
    this.subscriber = states::apply;
    this.publisher = new Thread(this::run, "mqtt-sirens");
    publisher.setDaemon(true);
  }

  /**
   * Starts publishing: the warnings in force now at once, then every change. Call before the live
   * warnings take commands (reports, ticks), so that none falls between the two.
   *
   * @throws IllegalArgumentException when an area id cannot be a topic level
   */
  public static MqttSirens start(LiveWarnings live, AreaSet areas, MqttSettings settings) {
    MqttSirens sirens;
    try {
      sirens = new MqttSirens(live, areas, settings);
    } catch (MqttException e) {
      throw new IllegalArgumentException(
          "MQTT broker (--mqtt): cannot make a client for " + settings.brokerUri() + ": " + e, e);
    }
    sirens.states.seed(
        live.inForce(),
        live::statusOf,
        threat -> live.upstreamAlert(threat).map(UpstreamAlert::hasCountdown).orElse(true),
        live.now());
    live.subscribe(sirens.subscriber);
    sirens.client.setCallback(sirens.new Callback());
    sirens.publisher.start();
    return sirens;
  }

  /** How many areas' states wait for the broker. */
  int waiting() {
    return queue.size();
  }

  /** Whether the client is connected to the broker now. */
  public boolean connected() {
    return client.isConnected();
  }

  @Override
  public void close() {
    live.unsubscribe(subscriber);
    closed = true;
    publisher.interrupt();
    try {
      publisher.join(ANSWER_TIMEOUT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      if (client.isConnected()) {
        client.disconnect().waitForCompletion(ANSWER_TIMEOUT.toMillis());
      }
    } catch (MqttException e) {
      LOG.warn("broker={} outcome=disconnect-failed", settings.brokerUri(), e);
    }
    try {
      client.close(true);
    } catch (MqttException e) {
      LOG.warn("broker={} outcome=close-failed", settings.brokerUri(), e);
    }
  }

  private void run() {
    Duration pause = FIRST_PAUSE;
    while (!closed) {
      try {
        if (!client.isConnected()) {
          if (connect()) {
            pause = FIRST_PAUSE;
          } else {
            Thread.sleep(pause.toMillis());
            pause =
                pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0
                    ? LONGEST_PAUSE
                    : pause.multipliedBy(2);
          }
          continue;
        }
        publish(queue.takeAll(WAIT_FOR_WORK));
      } catch (InterruptedException e) {
        if (closed) {
          return;
        }
      } catch (RuntimeException e) {
        // The publisher must outlive any one failure, or the sirens would fall silent for good.
        LOG.error("broker={} outcome=publisher-failed: carries on", settings.brokerUri(), e);
      }
    }
  }

  private boolean connect() {
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(true);
    options.setAutomaticReconnect(false);
    options.setConnectionTimeout((int) ANSWER_TIMEOUT.toSeconds());
    options.setKeepAliveInterval(30);
    options.setMaxInflight(IN_FLIGHT);
    settings
        .credentials()
        .ifPresent(
            credentials -> {
              options.setUserName(credentials.user());
              options.setPassword(credentials.password());
            });
    try {
      client.connect(options).waitForCompletion(ANSWER_TIMEOUT.toMillis());
      states.queueWarned();
      client
          .subscribe(settings.topicRoot() + "/" + setId + "/+", QOS_AT_LEAST_ONCE)
          .waitForCompletion(ANSWER_TIMEOUT.toMillis());
      LOG.info(
          "broker={} client={} outcome=connected: states of {} areas queued",
          settings.brokerUri(),
          settings.clientId(),
          queue.size());
      return true;
    } catch (MqttException e) {
      LOG.warn("broker={} outcome=connect-failed: {}", settings.brokerUri(), e.toString());
      disconnectQuietly();
      return false;
    }
  }

  /**
   * Publishes the states taken, up to {@link #IN_FLIGHT} at a time; a state that was not
   * acknowledged is queued again, unless a newer one for its area waits already.
   */
  private void publish(Map<String, SirenState> taken) {
    List<Map.Entry<String, SirenState>> entries = new ArrayList<>(taken.entrySet());
    for (int from = 0; from < entries.size(); from += IN_FLIGHT) {
      List<Map.Entry<String, SirenState>> window =
          entries.subList(from, Math.min(entries.size(), from + IN_FLIGHT));
      List<IMqttDeliveryToken> tokens = new ArrayList<>();
      MqttException failure = null;
      for (Map.Entry<String, SirenState> entry : window) {
        try {
          MqttMessage message = new MqttMessage(entry.getValue().json());
          message.setQos(QOS_AT_LEAST_ONCE);
          message.setRetained(true);
          tokens.add(client.publish(settings.topic(setId, entry.getKey()), message));
        } catch (MqttException e) {
          failure = e;
          break;
        }
      }
      for (int i = 0; i < tokens.size(); i++) {
        try {
          tokens.get(i).waitForCompletion(ANSWER_TIMEOUT.toMillis());
        } catch (MqttException e) {
          failure = failure == null ? e : failure;
          Map.Entry<String, SirenState> entry = window.get(i);
          queue.offerAgain(entry.getKey(), entry.getValue());
        }
      }
      if (failure != null) {
        entries
            .subList(from + tokens.size(), entries.size())
            .forEach(entry -> queue.offerAgain(entry.getKey(), entry.getValue()));
        LOG.warn(
            "broker={} outcome=publish-failed: {} states queued again: {}",
            settings.brokerUri(),
            queue.size(),
            failure.toString());
        disconnectQuietly();
        return;
      }
    }
  }

  /** Drops a connection that failed, so that the publisher connects afresh. */
  private void disconnectQuietly() {
    try {
      if (client.isConnected()) {
        client.disconnectForcibly(0, ANSWER_TIMEOUT.toMillis());
      }
    } catch (MqttException e) {
      LOG.debug("broker={} outcome=disconnect-failed", settings.brokerUri(), e);
    }
  }

  /** Paho's callbacks, on its own thread. */
  private final class Callback implements MqttCallbackExtended {

    @Override
    public void connectionLost(Throwable cause) {
      LOG.warn("broker={} outcome=connection-lost: {}", settings.brokerUri(), cause.toString());
      queue.wake();
    }

    /** A retained state read back: corrected if it differs from the area's. */
    @Override
    public void messageArrived(String topic, MqttMessage message) {
      if (!message.isRetained()) {
        return; // our own publication, forwarded live
      }
      String prefix = settings.topicRoot() + "/" + setId + "/";
      String area = topic.startsWith(prefix) ? topic.substring(prefix.length()) : "";
      if (areaIds.contains(area)) { // another program's topic beside ours is left alone
        states.reconcile(area, message.getPayload());
      }
    }

    @Override
    public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
      // Each publication's token is awaited where it was sent.
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
      // The publisher connects, and queues what a new connection needs, itself.
    }
  }
}
