package org.tocsin.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tocsin.alert.AlertLevel;
import org.tocsin.alert.AlertStatus;
import org.tocsin.cap.CapIssuer;
import org.tocsin.delivery.Channel;
import org.tocsin.delivery.DeliveryWorker;
import org.tocsin.delivery.Payloads;
import org.tocsin.delivery.WebhookSignature;
import org.tocsin.delivery.WebhookSubscriber;
import org.tocsin.delivery.WebhookTransport;
import org.tocsin.delivery.Webhooks;
import org.tocsin.sirens.MqttProbe;
import org.tocsin.sirens.MqttSettings;
import org.tocsin.sirens.MqttSirens;
import org.tocsin.store.TestDatabase.Backend;

/**
 * An upstream authority's alerts on the delivery channels: its launch announcement, its 30-minute
 * notice and its Cancel reach a signed webhook (the same messages Web Push carries) naming the
 * authority with the authority's status, and the sirens over MQTT (the real Mosquitto on
 * 127.0.0.1:1883); the notice gives no time of arrival on either, and the Cancel ends the sirens'
 * warning.
 */
class UpstreamChannelsTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String BROKER = "tcp://127.0.0.1:1883";

  @TempDir Path dir;

  @Test
  @SuppressWarnings("try") // the sirens run for the whole test, closed at its end
  void announcementNoticeAndCancelReachWebhooksAndSirensNamingTheAuthority() throws Exception {
    List<JsonNode> received = new CopyOnWriteArrayList<>();
    List<String> badSignatures = new CopyOnWriteArrayList<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    String root = "tocsin-test-" + UUID.randomUUID().toString().substring(0, 8);
    try (UpstreamRelayServer server =
            new UpstreamRelayServer(Backend.H2, dir, UpstreamAuthorities.RelayMode.AUTO);
        MqttSirens sirens =
            MqttSirens.start(
                server.live(),
                UpstreamRelayServer.AREAS,
                MqttSettings.of(BROKER).withTopicRoot(root));
        MqttProbe probe = MqttProbe.subscribe(BROKER, root + "/#")) {
      Webhooks webhooks = new Webhooks(server.db.database(), Clock.systemUTC());
      String[] secret = new String[1];
      receiver.createContext(
          "/hook",
          exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String signature = exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER);
            if (!WebhookSignature.verify(
                secret[0], signature, body, java.time.Instant.now(), Duration.ofMinutes(5))) {
              badSignatures.add(signature);
            }
            received.add(MAPPER.readTree(body));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
          });
      receiver.start();
      WebhookSubscriber hook =
          webhooks.addForSet(
              "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
              UpstreamRelayServer.AREAS.id(),
              AlertLevel.PREPARE);
      secret[0] = hook.secret();
      try (DeliveryWorker worker =
          new DeliveryWorker(
              server.db.database(),
              new Payloads(
                  UpstreamRelayServer.AREAS,
                  AlertStatus.ACTUAL,
                  new CapIssuer("tocsin@localhost", "series01")),
              List.of(
                  Channel.webhooks(
                      webhooks,
                      new WebhookTransport(webhooks, Clock.systemUTC()),
                      server.base(),
                      4)),
              Clock.systemUTC(),
              new Random(5),
              new SimpleMeterRegistry())) {

        String launch =
            UpstreamRelayServer.launch(
                "af-ch-1", "Exercise", "Alert", "Shelter", Duration.ofMinutes(6), null);
        String threat =
            server.postSigned(server.airForceKey, launch).get("relay").get("threat").asText();
        worker.runUntilIdle();

        assertThat(received).hasSize(1);
        JsonNode alert = received.get(0);
        assertThat(alert.get("threat").asText()).isEqualTo(threat);
        assertThat(alert.get("origin").asText()).isEqualTo("upstream");
        assertThat(alert.get("authority").asText()).isEqualTo("air-force");
        assertThat(alert.get("status").asText())
            .as("the authority's status, not the server's (Actual)")
            .isEqualTo("Exercise");
        assertThat(alert.get("exercise").asBoolean()).isTrue();
        assertThat(alert.get("level").asText()).isEqualTo("shelter");
        assertThat(alert.get("areas").get(0).get("earliestArrival").isTextual()).isTrue();
        List<String> warned = ids(alert);
        Map<String, JsonNode> sirensOn =
            probe.awaitLatest(
                latest -> warned.stream().allMatch(a -> level(latest, root, a).equals("shelter")),
                Duration.ofSeconds(20));
        JsonNode siren = sirensOn.get(topic(root, warned.get(0)));
        assertThat(siren.get("status").asText()).isEqualTo("Exercise");
        assertThat(siren.get("threats").toString()).contains(threat);
        assertThat(siren.get("earliestArrival").isTextual()).isTrue();

        String notice = UpstreamRelayServer.notice("dsns-notice-1", "Exercise");
        String noticeThreat =
            server.postSigned(server.dsnsKey, notice).get("relay").get("threat").asText();
        worker.runUntilIdle();
        JsonNode advance = received.get(received.size() - 1);
        assertThat(advance.get("threat").asText()).isEqualTo(noticeThreat);
        assertThat(advance.get("authority").asText()).isEqualTo("dsns");
        assertThat(advance.get("level").asText()).isEqualTo("prepare");
        assertThat(advance.get("areas").findValues("earliestArrival"))
            .as("an advance notice gives no time of arrival")
            .allMatch(JsonNode::isNull);
        List<String> noticeOnly = ids(advance).stream().filter(a -> !warned.contains(a)).toList();
        assertThat(noticeOnly).isNotEmpty();
        Map<String, JsonNode> prepared =
            probe.awaitLatest(
                latest ->
                    noticeOnly.stream().allMatch(a -> level(latest, root, a).equals("prepare")),
                Duration.ofSeconds(20));
        assertThat(prepared.get(topic(root, noticeOnly.get(0))).get("earliestArrival").isNull())
            .isTrue();

        String cancel =
            UpstreamRelayServer.cancel(
                "af-ch-2", "Exercise", UpstreamRelayServer.referenceTo(launch));
        server.postSigned(server.airForceKey, cancel);
        worker.runUntilIdle();
        JsonNode cancelled =
            received.stream()
                .filter(m -> m.get("threat").asText().equals(threat))
                .reduce((a, b) -> b)
                .orElseThrow();
        assertThat(cancelled.get("msgType").asText()).isEqualTo("Cancel");
        assertThat(cancelled.get("authority").asText()).isEqualTo("air-force");
        List<String> onlyLaunch = warned.stream().filter(a -> !noticeOnly.contains(a)).toList();
        probe.awaitLatest(
            latest -> onlyLaunch.stream().allMatch(a -> !level(latest, root, a).equals("shelter")),
            Duration.ofSeconds(20));
        assertThat(badSignatures).isEmpty();
      } finally {
        probe.clearRetained();
      }
    } finally {
      receiver.stop(0);
    }
  }

  private static List<String> ids(JsonNode message) {
    return message.get("areas").findValuesAsText("id");
  }

  private static String topic(String root, String area) {
    return root + "/" + UpstreamRelayServer.AREAS.id() + "/" + area;
  }

  private static String level(Map<String, JsonNode> latest, String root, String area) {
    JsonNode state = latest.get(topic(root, area));
    return state == null ? "" : state.get("level").asText();
  }
}
