package org.tocsin.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tocsin.alert.AlertEvent;
import org.tocsin.alert.AlertLevel;
import org.tocsin.alert.AlertStatus;
import org.tocsin.alert.AreaWarning;
import org.tocsin.alert.MessageType;
import org.tocsin.area.AreaSet;
import org.tocsin.area.AreaSets;
import org.tocsin.cap.CapIssuer;
import org.tocsin.store.Journal;
import org.tocsin.store.MutableClock;
import org.tocsin.store.TestDatabase;
import org.tocsin.store.TestDatabase.Backend;

/**
 * Webhook delivery end to end on both databases: alert events journalled with their outbox rows,
 * the worker's fan-out and attempts, and a real HTTP receiver on loopback that checks every HMAC.
 */
class DeliveryTest {

  static final Instant START = Instant.parse("2026-12-02T08:00:00Z");
  static final AreaSet AREAS =
      AreaSets.fromGeoJson(
          "test",
          new ByteArrayInputStream(
              ("{\"type\":\"FeatureCollection\",\"features\":["
                      + box("A1", 30)
                      + ","
                      + box("A2", 31)
                      + ","
                      + box("A3", 32)
                      + "]}")
                  .getBytes(StandardCharsets.UTF_8)),
          (String) null);

  @TempDir Path tempDir;

  private final MutableClock clock = new MutableClock(START);
  private final WebhookReceiver receiver = new WebhookReceiver();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final List<DeliveryWorker> workers = new ArrayList<>();
  private TestDatabase db;
  private Webhooks webhooks;
  private Journal journal;

  @AfterEach
  void stop() throws SQLException {
    workers.forEach(DeliveryWorker::close);
    receiver.close();
    if (db != null) {
      db.close();
    }
  }

  private void open(Backend backend) throws SQLException {
    db = TestDatabase.create(backend, tempDir);
    webhooks = new Webhooks(db.database(), clock);
    journal = new Journal(db.database(), clock);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void eachWebhookIsSentOnlyTheAreasItFollowsSignedAndMarkedAsAnExercise(Backend backend)
      throws Exception {
    open(backend);
    String a1 = webhook("/a1", List.of("A1"), AlertLevel.PREPARE);
    webhook("/a3", List.of("A3"), AlertLevel.PREPARE);
    webhook("/a2-shelter-only", List.of("A2"), AlertLevel.SHELTER);
    String whole = webhookForSet("/whole", "test");

    journal(event("T1", 1, MessageType.ALERT, shelter("A1", 600), prepare("A2", 700)));
    worker(RetryPolicy.WEBHOOK).runUntilIdle();

    assertThat(receiver.badSignatures()).isZero();
    assertThat(receiver.receivedAt("/a3")).isEmpty();
    assertThat(receiver.receivedAt("/a2-shelter-only")).isEmpty();
    List<WebhookReceiver.Received> toA1 = receiver.receivedAt("/a1");
    assertThat(toA1).hasSize(1);
    JsonNode body = toA1.get(0).body();
    assertThat(toA1.get(0).deliveryKey()).isEqualTo("T1-1/webhook/" + a1);
    assertThat(ids(body)).containsExactly("A1");
    assertThat(body.get("level").asText()).isEqualTo("shelter");
    assertThat(body.get("areas").get(0).get("earliestArrival").asText())
        .isEqualTo(START.plusSeconds(600).toString());
    assertThat(body.get("msgType").asText()).isEqualTo("Alert");
    assertThat(body.get("status").asText()).isEqualTo("Exercise");
    assertThat(body.get("exercise").asBoolean()).isTrue();
    assertThat(body.get("headline").get("uk").asText()).startsWith("НАВЧАННЯ — ");
    assertThat(body.get("headline").get("en").asText())
        .isEqualTo("EXERCISE — Missile threat: take shelter now");
    assertThat(body.get("instruction").get("en").asText()).startsWith("Go to the nearest shelter");
    assertThat(body.get("identifier").asText())
        .isEqualTo("urn:tocsin:tocsin@localhost:series01:T1-1");
    assertThat(body.get("capUrl").asText()).startsWith("https://alerts.example.org/cap/urn");
    JsonNode toWhole = receiver.receivedAt("/whole").get(0).body();
    assertThat(ids(toWhole)).containsExactly("A1", "A2");
    assertThat(receiver.receivedAt("/whole").get(0).deliveryKey())
        .isEqualTo("T1-1/webhook/" + whole);
    assertThat(registry.get("tocsin_deliveries_sent").tag("channel", "webhook").counter().count())
        .isEqualTo(2);
    assertThat(registry.get("tocsin_delivery_latency").timer().count()).isEqualTo(2);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void anUpdateAndTheCancelReachEveryoneTheAlertReached(Backend backend) throws Exception {
    open(backend);
    webhook("/a1", List.of("A1"), AlertLevel.PREPARE);
    webhook("/a2", List.of("A2"), AlertLevel.PREPARE);
    webhook("/a3", List.of("A3"), AlertLevel.PREPARE);
    DeliveryWorker worker = worker(RetryPolicy.WEBHOOK);

    journal(event("T1", 1, MessageType.ALERT, shelter("A1", 600)));
    journal(event("T1", 2, MessageType.UPDATE, prepare("A2", 650)));
    journal(event("T1", 3, MessageType.CANCEL));
    worker.runUntilIdle();

    assertThat(events("/a1")).containsExactly("T1-1", "T1-2", "T1-3");
    assertThat(events("/a2")).containsExactly("T1-2", "T1-3");
    assertThat(events("/a3")).isEmpty();
    JsonNode standDown = receiver.receivedAt("/a1").get(1).body();
    assertThat(standDown.get("level").asText()).isEqualTo("none");
    assertThat(standDown.get("areas")).isEmpty();
    JsonNode cancel = receiver.receivedAt("/a2").get(1).body();
    assertThat(cancel.get("msgType").asText()).isEqualTo("Cancel");
    assertThat(cancel.get("headline").get("en").asText()).contains("Cancelled");
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aFailingReceiverIsRetriedWithBackoffAndGetsItsMessagesInOrder(Backend backend)
      throws Exception {
    open(backend);
    webhook("/flaky", List.of("A1"), AlertLevel.PREPARE);
    webhook("/steady", List.of("A1"), AlertLevel.PREPARE);
    receiver.failNext("/flaky", 3);
    DeliveryWorker worker = worker(RetryPolicy.WEBHOOK);
    journal(event("T1", 1, MessageType.ALERT, shelter("A1", 600)));
    journal(event("T1", 2, MessageType.UPDATE, prepare("A1", 600)));

    worker.runUntilIdle();
    // The first failed; the second waits behind it, while the other webhook has both.
    assertThat(events("/flaky")).isEmpty();
    assertThat(events("/steady")).containsExactly("T1-1", "T1-2");
    assertThat(receiver.refused()).isEqualTo(1);
    assertThat(status("/flaky", "T1-2")).isEqualTo("pending");

    clock.advance(Duration.ofMillis(400)); // less than half the first backoff: not due yet
    worker.runUntilIdle();
    assertThat(receiver.refused()).isEqualTo(1);
    for (int i = 0; i < 10 && events("/flaky").size() < 2; i++) {
      clock.advance(Duration.ofSeconds(10));
      worker.runUntilIdle();
    }
    assertThat(receiver.refused()).isEqualTo(3);
    assertThat(events("/flaky")).containsExactly("T1-1", "T1-2");
    assertThat(retried()).isEqualTo(3);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aReceiverThatNeverAnswersWellIsRetriedForAnHourThenDeadWithTheReason(Backend backend)
      throws Exception {
    open(backend);
    webhook("/down", List.of("A1"), AlertLevel.PREPARE);
    receiver.failNext("/down", Integer.MAX_VALUE);
    DeliveryWorker worker = worker(RetryPolicy.WEBHOOK);
    journal(event("T1", 1, MessageType.ALERT, shelter("A1", 600)));
    journal(event("T1", 2, MessageType.CANCEL));

    Instant made = clock.instant();
    worker.runUntilIdle();
    while (clock.instant().isBefore(made.plus(Duration.ofMinutes(59)))) {
      clock.advance(Duration.ofMinutes(1));
      worker.runUntilIdle();
    }
    assertThat(status("/down", "T1-1")).isEqualTo("pending");
    int attemptsWithinTheHour = receiver.refused();
    assertThat(attemptsWithinTheHour).isBetween(12, 40);
    for (int i = 0; i < 10; i++) {
      clock.advance(Duration.ofMinutes(5));
      worker.runUntilIdle();
    }
    assertThat(status("/down", "T1-1")).isEqualTo("dead");
    assertThat(lastError("/down", "T1-1")).startsWith("gave up after ").contains("HTTP 503");
    assertThat(registry.get("tocsin_deliveries_dead").counter().count()).isGreaterThanOrEqualTo(1);
    // The Cancel is not held back for ever by its dead Alert: it is tried in its turn.
    assertThat(attemptsOf("/down", "T1-2")).isPositive();
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aFanOutRepeatedAfterACrashAddsNoDelivery(Backend backend) throws Exception {
    open(backend);
    for (int i = 0; i < 30; i++) {
      webhook("/w" + i, List.of("A1"), AlertLevel.PREPARE);
    }
    journal(event("T1", 1, MessageType.ALERT, shelter("A1", 600)));
    DeliveryWorker worker = worker(RetryPolicy.WEBHOOK);
    worker.runUntilIdle();
    // As if the worker had died after its fan-out and before the outbox row was marked.
    try (Connection jdbc = db.jdbc();
        Statement statement = jdbc.createStatement()) {
      statement.executeUpdate(
          "UPDATE outbox SET status = 'pending', next_attempt_at = '2000-01-01'");
    }
    worker.runUntilIdle();

    assertThat(count("SELECT COUNT(*) FROM delivery")).isEqualTo(30);
    assertThat(receiver.received()).hasSize(30);
    assertThat(count("SELECT COUNT(*) FROM outbox WHERE status = 'pending'")).isZero();
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aRemovedWebhookIsSentNothingMore(Backend backend) throws Exception {
    open(backend);
    String id = webhook("/gone", List.of("A1"), AlertLevel.PREPARE);
    journal(event("T1", 1, MessageType.ALERT, shelter("A1", 600)));
    assertThat(webhooks.remove(id)).isTrue();
    worker(RetryPolicy.WEBHOOK).runUntilIdle();

    assertThat(receiver.received()).isEmpty();
    assertThat(webhooks.list()).isEmpty();
    assertThat(webhooks.remove(id)).isFalse();
  }

  @Test
  void onlyHttpAndHttpsUrlsAreTaken() {
    assertThatThrownBy(() -> Webhooks.checkedUrl("ftp://example.org/hook"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("url: must be http:// or https://, was 'ftp://example.org/hook'");
    assertThatThrownBy(() -> Webhooks.checkedUrl("file:///etc/passwd"))
        .hasMessageStartingWith("url: must be http:// or https://");
    assertThatThrownBy(() -> Webhooks.checkedUrl("https://user:pw@example.org/"))
        .hasMessageStartingWith("url: must hold neither a user name nor a fragment");
    assertThat(Webhooks.checkedUrl("https://example.org/hook?x=1").getHost())
        .isEqualTo("example.org");
  }

  @Test
  void aSignatureOfAnotherBodyOrSecretOrTimeDoesNotVerify() {
    byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    String header = WebhookSignature.header("s3cret", START, body);
    Duration fiveMinutes = Duration.ofMinutes(5);
    assertThat(WebhookSignature.verify("s3cret", header, body, START, fiveMinutes)).isTrue();
    assertThat(
            WebhookSignature.verify(
                "s3cret", header, "{\"a\":2}".getBytes(StandardCharsets.UTF_8), START, fiveMinutes))
        .isFalse();
    assertThat(WebhookSignature.verify("other", header, body, START, fiveMinutes)).isFalse();
    assertThat(
            WebhookSignature.verify(
                "s3cret", header, body, START.plus(Duration.ofMinutes(6)), fiveMinutes))
        .isFalse();
  }

  // --- helpers

  private DeliveryWorker worker(RetryPolicy retries) {
    DeliveryWorker worker =
        new DeliveryWorker(
            db.database(),
            new Payloads(
                AREAS, AlertStatus.EXERCISE, new CapIssuer("tocsin@localhost", "series01")),
            List.of(
                Channel.webhooks(
                        webhooks,
                        new WebhookTransport(webhooks, clock),
                        "https://alerts.example.org",
                        4)
                    .withRetries(retries)),
            clock,
            new Random(7),
            registry);
    workers.add(worker);
    return worker;
  }

  private String webhook(String path, List<String> areas, AlertLevel level) {
    WebhookSubscriber added = webhooks.addForAreas(receiver.url(path), areas, level);
    receiver.expect(path, added.secret());
    return added.id();
  }

  private String webhookForSet(String path, String set) {
    WebhookSubscriber added = webhooks.addForSet(receiver.url(path), set, AlertLevel.PREPARE);
    receiver.expect(path, added.secret());
    return added.id();
  }

  private void journal(AlertEvent event) {
    journal.appendAlertEvent(event, List.of(Channels.WEBHOOK));
  }

  private AlertEvent event(String threat, int number, MessageType type, AreaWarning... areas) {
    return new AlertEvent(
        threat + "-" + number,
        clock.instant(),
        threat,
        type,
        List.of(areas),
        "test",
        number == 1 ? Optional.empty() : Optional.of(threat + "-" + (number - 1)));
  }

  private AreaWarning shelter(String area, long secondsToArrival) {
    return new AreaWarning(
        area, AlertLevel.SHELTER, 0.5, clock.instant().plusSeconds(secondsToArrival));
  }

  private AreaWarning prepare(String area, long secondsToArrival) {
    return new AreaWarning(
        area, AlertLevel.PREPARE, 0.1, clock.instant().plusSeconds(secondsToArrival));
  }

  private List<String> events(String path) {
    return receiver.receivedAt(path).stream().map(WebhookReceiver.Received::event).toList();
  }

  private static List<String> ids(JsonNode body) {
    List<String> ids = new ArrayList<>();
    body.get("areas").forEach(area -> ids.add(area.get("id").asText()));
    return ids;
  }

  private double retried() {
    return registry.get("tocsin_deliveries_retried").counter().count();
  }

  private String status(String path, String event) throws SQLException {
    return column("status", path, event);
  }

  private String lastError(String path, String event) throws SQLException {
    return column("last_error", path, event);
  }

  private int attemptsOf(String path, String event) throws SQLException {
    return Integer.parseInt(column("attempts", path, event));
  }

  private String column(String column, String path, String event) throws SQLException {
    String id =
        webhooks.list().stream()
            .filter(w -> w.url().getPath().equals(path))
            .findFirst()
            .orElseThrow()
            .id();
    try (Connection jdbc = db.jdbc();
        var statement =
            jdbc.prepareStatement(
                "SELECT " + column + " FROM delivery WHERE subscriber_id = ? AND event_id = ?")) {
      statement.setString(1, id);
      statement.setString(2, event);
      try (ResultSet rows = statement.executeQuery()) {
        assertThat(rows.next()).as("a delivery of %s to %s", event, path).isTrue();
        return rows.getString(1);
      }
    }
  }

  private long count(String sql) throws SQLException {
    try (Connection jdbc = db.jdbc();
        Statement statement = jdbc.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static String box(String id, double west) {
    return "{\"type\":\"Feature\",\"id\":\""
        + id
        + "\",\"properties\":{\"name\":\""
        + id
        + "\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[["
        + west
        + ",48],["
        + (west + 0.5)
        + ",48],["
        + (west + 0.5)
        + ",48.5],["
        + west
        + ",48.5],["
        + west
        + ",48]]]}}";
  }
}
