package org.tocsin.delivery.webpush;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tocsin.alert.AlertEvent;
import org.tocsin.alert.AlertLevel;
import org.tocsin.alert.AlertStatus;
import org.tocsin.alert.AreaWarning;
import org.tocsin.alert.MessageType;
import org.tocsin.alert.Policy;
import org.tocsin.alert.WarningPipeline;
import org.tocsin.area.AreaSet;
import org.tocsin.area.AreaSets;
import org.tocsin.cap.CapIssuer;
import org.tocsin.delivery.Channel;
import org.tocsin.delivery.Channels;
import org.tocsin.delivery.DeliveryWorker;
import org.tocsin.delivery.Payloads;
import org.tocsin.delivery.PushSubscriptions;
import org.tocsin.geo.GeoPoint;
import org.tocsin.node.LiveWarnings;
import org.tocsin.store.Journal;
import org.tocsin.store.MutableClock;
import org.tocsin.store.TestDatabase;
import org.tocsin.web.SensorAuthenticator;
import org.tocsin.web.ServerOptions;
import org.tocsin.web.WebServer;

/**
 * Web Push end to end, against the npm {@code web-push-testing} as the browser's push service: a
 * phone subscribes through the server's API for the area it is in, an alert event is journalled
 * with its outbox row, the delivery worker fans it out and pushes it, and the push service decrypts
 * exactly the message the phone should see; a subscription the push service says is gone is
 * removed, and one removed by its owner gets nothing more.
 */
class PushEndToEndIT {

  private static final Instant START = Instant.parse("2026-12-02T08:00:00Z");
  private static final AreaSet OBLASTS = AreaSets.bundled("ua-oblasts");
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static WebPushTestingService pushService;

  @TempDir Path tempDir;

  private final MutableClock clock = new MutableClock(START);
  private final HttpClient http = HttpClient.newHttpClient();
  private final VapidKeys vapid = VapidKeys.generate();
  private TestDatabase db;
  private WebServer server;
  private DeliveryWorker worker;
  private PushSubscriptions subscriptions;
  private Journal journal;

  @BeforeAll
  static void startPushService() throws Exception {
    pushService = WebPushTestingService.start();
  }

  @AfterAll
  static void stopPushService() {
    if (pushService != null) {
      pushService.close();
    }
  }

  @AfterEach
  void stop() throws Exception {
    if (worker != null) {
      worker.close();
    }
    if (server != null) {
      server.close();
    }
    if (db != null) {
      db.close();
    }
  }

  private void start() throws Exception {
    db = TestDatabase.create(TestDatabase.Backend.H2, tempDir);
    subscriptions = new PushSubscriptions(db.database(), clock);
    journal = new Journal(db.database(), clock);
    LiveWarnings live =
        new LiveWarnings(
            new WarningPipeline(Policy.DEFAULT, OBLASTS, Runnable::run),
            clock,
            AlertStatus.EXERCISE,
            1);
    server =
        WebServer.start(
            live,
            OBLASTS,
            ServerOptions.defaults(0, SensorAuthenticator.NONE)
                .withVapidKeys(vapid)
                .withPushSubscriptions(subscriptions));
    WebPushClient client = WebPushClient.create(vapid, "mailto:ops@tocsin.example", clock);
    worker =
        new DeliveryWorker(
            db.database(),
            new Payloads(
                OBLASTS, AlertStatus.EXERCISE, new CapIssuer("tocsin@localhost", "series01")),
            List.of(
                Channel.push(subscriptions, new WebPushTransport(subscriptions, client, clock), 4)),
            clock,
            new Random(3),
            new SimpleMeterRegistry());
  }

  @Test
  void aPhoneSubscribedForItsAreaGetsItsWarningDecryptedAndTheCancel() throws Exception {
    start();
    WebPushTestingService.Subscribed phone = pushService.subscribe(vapid.publicKeyBase64Url());
    // Dnipro: the phone is in Dnipropetrovsk oblast.
    JsonNode created = subscribe(phone, "\"where\":{\"lat\":48.46,\"lon\":35.04}");
    String dnipro = OBLASTS.containing(GeoPoint.of(48.46, 35.04)).orElseThrow().id();
    assertThat(created.get("areas").get(0).asText()).isEqualTo(dnipro);
    String kyiv = OBLASTS.containing(GeoPoint.of(50.45, 30.52)).orElseThrow().id();

    journal.appendAlertEvent(
        event(1, MessageType.ALERT, shelter(dnipro, 420), shelter(kyiv, 500)),
        List.of(Channels.PUSH));
    worker.runUntilIdle();
    journal.appendAlertEvent(event(2, MessageType.CANCEL), List.of(Channels.PUSH));
    worker.runUntilIdle();

    List<String> received = pushService.messages(phone);
    assertThat(received).hasSize(2);
    JsonNode alert = MAPPER.readTree(received.get(0));
    assertThat(alert.get("threat").asText()).isEqualTo("T7");
    assertThat(alert.get("msgType").asText()).isEqualTo("Alert");
    assertThat(alert.get("status").asText()).isEqualTo("Exercise");
    assertThat(alert.get("exercise").asBoolean()).isTrue();
    assertThat(alert.get("level").asText()).isEqualTo("shelter");
    assertThat(alert.get("areas")).hasSize(1);
    assertThat(alert.get("areas").get(0).get("id").asText()).isEqualTo(dnipro);
    assertThat(alert.get("areas").get(0).get("nameEn").asText()).contains("Dnipro");
    assertThat(alert.get("areas").get(0).get("earliestArrival").asText())
        .isEqualTo(START.plusSeconds(420).toString());
    assertThat(alert.get("headline").get("uk").asText()).startsWith("НАВЧАННЯ");
    assertThat(alert.get("instruction").get("en").asText()).isNotBlank();
    JsonNode cancel = MAPPER.readTree(received.get(1));
    assertThat(cancel.get("msgType").asText()).isEqualTo("Cancel");
    assertThat(cancel.get("level").asText()).isEqualTo("none");
  }

  @Test
  void aSubscriptionThePushServiceSaysIsGoneIsRemovedAndOneItsOwnerRemovedGetsNothing()
      throws Exception {
    start();
    WebPushTestingService.Subscribed expired = pushService.subscribe(vapid.publicKeyBase64Url());
    WebPushTestingService.Subscribed leaving = pushService.subscribe(vapid.publicKeyBase64Url());
    String kyiv = OBLASTS.containing(GeoPoint.of(50.45, 30.52)).orElseThrow().id();
    String expiredId = subscribe(expired, "\"areas\":[\"" + kyiv + "\"]").get("id").asText();
    JsonNode leavingCreated = subscribe(leaving, "\"areas\":[\"" + kyiv + "\"]");
    pushService.expire(expired);
    HttpResponse<String> deleted =
        http.send(
            HttpRequest.newBuilder(
                    uri("/api/v1/push/subscriptions/" + leavingCreated.get("id").asText()))
                .header("Authorization", "Bearer " + leavingCreated.get("token").asText())
                .DELETE()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(deleted.statusCode()).isEqualTo(204);

    journal.appendAlertEvent(event(1, MessageType.ALERT, shelter(kyiv, 300)), List.of("push"));
    worker.runUntilIdle();

    assertThat(subscriptions.find(expiredId)).as("gone at the push service").isEmpty();
    assertThat(pushService.messages(leaving)).isEmpty();
  }

  private JsonNode subscribe(WebPushTestingService.Subscribed phone, String target)
      throws Exception {
    Base64.Encoder base64url = Base64.getUrlEncoder().withoutPadding();
    String body =
        "{\"endpoint\":\""
            + phone.subscription().endpoint()
            + "\",\"keys\":{\"p256dh\":\""
            + base64url.encodeToString(phone.subscription().p256dh())
            + "\",\"auth\":\""
            + base64url.encodeToString(phone.subscription().auth())
            + "\"},"
            + target
            + "}";
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(uri("/api/v1/push/subscriptions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return MAPPER.readTree(response.body());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private AlertEvent event(int number, MessageType type, AreaWarning... areas) {
    return new AlertEvent(
        "T7-" + number,
        clock.instant(),
        "T7",
        type,
        List.of(areas),
        "test",
        number == 1 ? Optional.empty() : Optional.of("T7-" + (number - 1)));
  }

  private AreaWarning shelter(String area, long secondsToArrival) {
    return new AreaWarning(
        area, AlertLevel.SHELTER, 0.5, clock.instant().plusSeconds(secondsToArrival));
  }
}
