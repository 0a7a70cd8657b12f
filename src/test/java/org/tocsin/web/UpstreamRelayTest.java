package org.tocsin.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tocsin.geo.GeoPoint;
import org.tocsin.store.TestDatabase.Backend;

/**
 * Upstream authorities' alerts relayed on every channel, on a running server with its database:
 * signed CAP posted over HTTP comes out on the event stream, the alerts API (origin upstream, the
 * authority named), the page's data, CAP and the outbox; refused unsigned or wrongly signed; ended
 * by its own Cancel only; held for a second person's approval in approve mode; back after a
 * restart.
 */
class UpstreamRelayTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;
  private UpstreamRelayServer server;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private UpstreamRelayServer start(Backend backend, UpstreamAuthorities.RelayMode mode)
      throws Exception {
    server = new UpstreamRelayServer(backend, dir, mode);
    return server;
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aSignedLaunchAnnouncementIsRelayedOnEveryChannelAsAnUpstreamAlert(Backend backend)
      throws Exception {
    start(backend, UpstreamAuthorities.RelayMode.AUTO);
    String launch =
        UpstreamRelayServer.launch(
            "af-launch-1", "Exercise", "Alert", "Shelter", Duration.ofMinutes(6), null);

    try (SseReader events = server.events()) {
      JsonNode accepted = server.postSigned(server.airForceKey, launch);

      // The answer: relayed, to the hromadas of the two oblasts, the sea area reported unmapped.
      JsonNode relay = accepted.get("relay");
      assertThat(relay.get("outcome").asText()).isEqualTo("relayed");
      List<String> areas = texts(relay.get("areas"));
      assertThat(areas).isNotEmpty().allMatch(id -> id.startsWith("UA12") || id.startsWith("UA23"));
      assertThat(areas).anyMatch(id -> id.startsWith("UA12")).anyMatch(id -> id.startsWith("UA23"));
      assertThat(areas)
          .hasSize(
              (int)
                  UpstreamRelayServer.AREAS.areas().stream()
                      .filter(a -> a.id().startsWith("UA12") || a.id().startsWith("UA23"))
                      .count());
      assertThat(texts(relay.get("unmapped")))
          .singleElement()
          .satisfies(
              unmapped ->
                  assertThat(unmapped)
                      .startsWith("Морська акваторія: no area of the set ua-hromadas has geocode")
                      .contains("OCHA_PCODE=UA99"));
      String eventId = relay.get("event").asText();

      // The event stream.
      List<String> lines = events.until(line -> line.contains(eventId), WAIT);
      JsonNode event =
          ConsoleClient.MAPPER.readTree(
              lines.get(lines.size() - 1).substring("data:".length()).strip());
      assertThat(event.get("origin").asText()).isEqualTo("upstream");
      assertThat(event.get("authority").asText()).isEqualTo("air-force");
      assertThat(event.get("status").asText()).isEqualTo("Exercise");
      assertThat(event.get("type").asText()).isEqualTo("alert");
      assertThat(event.get("areas")).hasSize(areas.size());
    }

    // The alerts API, which the public page reads.
    JsonNode alerts = server.alerts();
    JsonNode alert = server.upstreamAlerts().get(0);
    assertThat(alert.get("status").asText()).isEqualTo("Exercise");
    assertThat(alert.get("source").get("authority").asText()).isEqualTo("air-force");
    assertThat(alert.get("source").get("signedBy").asText())
        .isEqualTo(PublicKeys.fingerprint(server.trusted.getPublic()));
    assertThat(alert.get("source").get("capIdentifier").asText()).isEqualTo("af-launch-1");
    assertThat(alert.get("areas").get(0).get("level").asText()).isEqualTo("shelter");
    assertThat(alert.get("areas").get(0).get("secondsToArrival").asDouble())
        .isBetween(300.0, 360.0);
    JsonNode merged = alerts.get("areas").get(0);
    assertThat(merged.get("level").asText()).isEqualTo("shelter");
    assertThat(merged.get("sources").get(0).get("authority").asText()).isEqualTo("air-force");

    // CAP: the relayed message names the authority and carries its words.
    String capIdentifier = alert.get("capIdentifier").asText();
    ConsoleClient.Response cap =
        ConsoleClient.anonymous(server.base()).get("/cap/" + capIdentifier + ".xml");
    assertThat(cap.status()).isEqualTo(200);
    assertThat(cap.body())
        .contains("<valueName>upstreamAuthority</valueName>")
        .contains("<value>air-force</value>")
        .contains("Ballistic missile launch: take shelter now")
        .contains("<status>Exercise</status>");

    // The outbox, which the delivery channels read.
    String eventId = alert.get("threat").asText() + "-1";
    assertThat(server.outboxChannels(eventId))
        .containsExactlyInAnyOrderElementsOf(UpstreamRelayServer.CHANNELS);

    // The kept message says what became of it.
    JsonNode kept =
        ConsoleClient.anonymous(server.base()).get("/api/v1/upstream").json().get("messages");
    assertThat(kept.get(0).get("relay").get("outcome").asText()).isEqualTo("relayed");
    assertThat(kept.get(0).get("relay").get("unmapped")).hasSize(1);
  }

  @Test
  void theOasisSamplesAreKeptAndNotRelayedWithEveryAreaTheyCannotMapReported() throws Exception {
    start(Backend.H2, UpstreamAuthorities.RelayMode.AUTO);

    for (String sample : List.of("australia.cap", "canada.cap", "earthquake.cap", "weather.cap")) {
      JsonNode relay =
          server
              .postSigned(server.dsnsKey, UpstreamRelayServer.resource("/cap/samples/" + sample))
              .get("relay");

      assertThat(relay.get("outcome").asText()).as(sample).isEqualTo("not-relayed");
      assertThat(relay.get("reason").asText())
          .as(sample)
          .contains("none of its areas maps to the area set");
      assertThat(relay.get("areas")).as(sample).isEmpty();
      assertThat(relay.get("unmapped")).as(sample).isNotEmpty();
    }
    assertThat(server.alerts().get("alerts")).isEmpty();
    JsonNode kept =
        ConsoleClient.anonymous(server.base()).get("/api/v1/upstream").json().get("messages");
    assertThat(kept).hasSize(4);
    kept.forEach(
        message ->
            assertThat(message.get("relay").get("outcome").asText()).isEqualTo("not-relayed"));
  }

  @Test
  void anUnsignedOrWronglySignedMessageIsRefusedAndNothingIsRelayed() throws Exception {
    start(Backend.H2, UpstreamAuthorities.RelayMode.AUTO);
    String launch =
        UpstreamRelayServer.launch(
            "af-launch-2", "Actual", "Alert", "Shelter", Duration.ofMinutes(6), null);

    HttpResponse<String> unsigned =
        server.post(server.airForceKey, launch.getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> wronglySigned =
        server.post(
            server.airForceKey, UpstreamRelayServer.signed(UpstreamRelayServer.ecKey(), launch));
    HttpResponse<String> altered =
        server.post(
            server.airForceKey,
            new String(UpstreamRelayServer.signed(server.trusted, launch), StandardCharsets.UTF_8)
                .replace("UA-23", "UA-30")
                .getBytes(StandardCharsets.UTF_8));

    assertThat(unsigned.statusCode()).as(unsigned.body()).isEqualTo(400);
    assertThat(unsigned.body()).contains("element 'Signature': missing");
    assertThat(wronglySigned.statusCode()).as(wronglySigned.body()).isEqualTo(400);
    assertThat(altered.statusCode()).as(altered.body()).isEqualTo(400);
    assertThat(altered.body()).contains("does not verify");
    assertThat(server.alerts().get("alerts")).isEmpty();
    assertThat(server.alerts().get("areas")).isEmpty();
  }

  @Test
  void anUpstreamCancelEndsOnlyTheAlertItReferences() throws Exception {
    start(Backend.H2, UpstreamAuthorities.RelayMode.AUTO);
    String launch =
        UpstreamRelayServer.launch(
            "af-launch-3", "Actual", "Alert", "Shelter", Duration.ofMinutes(6), null);
    String launchThreat =
        server.postSigned(server.airForceKey, launch).get("relay").get("threat").asText();
    String noticeThreat =
        server
            .postSigned(server.dsnsKey, UpstreamRelayServer.notice("dsns-notice-3", "Actual"))
            .get("relay")
            .get("threat")
            .asText();
    String reference = UpstreamRelayServer.referenceTo(launch);

    // Another authority may not cancel the air force's alert, nor a test a real one.
    JsonNode foreign =
        server.postSigned(
            server.dsnsKey, UpstreamRelayServer.cancel("dsns-cancel", "Actual", reference));
    JsonNode test =
        server.postSigned(
            server.airForceKey, UpstreamRelayServer.cancel("af-test-cancel", "Test", reference));
    assertThat(foreign.get("relay").get("outcome").asText()).isEqualTo("not-relayed");
    assertThat(test.get("relay").get("outcome").asText()).isEqualTo("not-relayed");
    assertThat(threats(server.upstreamAlerts()))
        .containsExactlyInAnyOrder(launchThreat, noticeThreat);

    JsonNode cancelled =
        server.postSigned(
            server.airForceKey, UpstreamRelayServer.cancel("af-cancel-3", "Actual", reference));

    assertThat(cancelled.get("relay").get("outcome").asText()).isEqualTo("relayed");
    assertThat(cancelled.get("relay").get("threat").asText()).isEqualTo(launchThreat);
    assertThat(threats(server.upstreamAlerts())).containsExactly(noticeThreat);
    String cancelEvent = cancelled.get("relay").get("event").asText();
    assertThat(server.outboxChannels(cancelEvent))
        .containsExactlyInAnyOrderElementsOf(UpstreamRelayServer.CHANNELS);
  }

  @Test
  void anUpstreamUpdateReplacesItsAlertUnderTheSameThreat() throws Exception {
    start(Backend.H2, UpstreamAuthorities.RelayMode.AUTO);
    String launch =
        UpstreamRelayServer.launch(
            "af-launch-4", "Actual", "Alert", "Shelter", Duration.ofMinutes(6), null);
    String threat =
        server.postSigned(server.airForceKey, launch).get("relay").get("threat").asText();

    JsonNode updated =
        server.postSigned(
            server.airForceKey,
            UpstreamRelayServer.launch(
                "af-launch-4b",
                "Actual",
                "Update",
                "Monitor",
                Duration.ofMinutes(5),
                UpstreamRelayServer.referenceTo(launch)));

    assertThat(updated.get("relay").get("threat").asText()).isEqualTo(threat);
    assertThat(updated.get("relay").get("event").asText()).isEqualTo(threat + "-2");
    List<JsonNode> alerts = server.upstreamAlerts();
    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0).get("source").get("capIdentifier").asText()).isEqualTo("af-launch-4b");
    assertThat(levels(alerts.get(0))).containsExactly("prepare");
  }

  @Test
  void aThirtyMinuteNoticePutsTheAreasItsShapesTouchOnPrepareWithNoCountdown() throws Exception {
    start(Backend.H2, UpstreamAuthorities.RelayMode.AUTO);

    JsonNode relay =
        server
            .postSigned(server.dsnsKey, UpstreamRelayServer.notice("dsns-notice-5", "Actual"))
            .get("relay");

    assertThat(relay.get("outcome").asText()).isEqualTo("relayed");
    assertThat(relay.get("unmapped")).isEmpty();
    List<String> areas = texts(relay.get("areas"));
    // Kyiv's hromada (the polygon) and Bila Tserkva's (the circle), and nothing far away.
    assertThat(areas)
        .contains(hromadaAt(50.45, 30.52), hromadaAt(49.80, 30.11))
        .allMatch(id -> id.startsWith("UA80") || id.startsWith("UA32"));
    JsonNode alert = server.upstreamAlerts().get(0);
    assertThat(levels(alert)).containsExactly("prepare");
    alert
        .get("areas")
        .forEach(
            area -> {
              assertThat(area.get("secondsToArrival").isNull()).isTrue();
              assertThat(area.get("earliestArrival").isNull()).isTrue();
            });
    assertThat(alert.get("source").get("headlineEn").asText())
        .isEqualTo("Advance notice: a missile attack is possible within 30 minutes");
    String cap =
        ConsoleClient.anonymous(server.base())
            .get("/cap/" + alert.get("capIdentifier").asText() + ".xml")
            .body();
    assertThat(cap)
        .contains("Попередження: можлива ракетна атака протягом 30 хвилин")
        .doesNotContain("<onset>")
        .doesNotContain("secondsToArrival");
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void withApproveNothingIsRelayedUntilASecondPersonApproves(Backend backend) throws Exception {
    start(backend, UpstreamAuthorities.RelayMode.APPROVE);
    String launch =
        UpstreamRelayServer.launch(
            "af-launch-6", "Exercise", "Alert", "Shelter", Duration.ofMinutes(8), null);

    JsonNode relay = server.postSigned(server.airForceKey, launch).get("relay");

    assertThat(relay.get("outcome").asText()).isEqualTo("drafted");
    assertThat(relay.get("event").isNull()).isTrue();
    assertThat(server.alerts().get("alerts")).isEmpty();
    long draft = relay.get("draft").asLong();
    ConsoleClient olena = ConsoleClient.login(server.base(), "olena", ConsoleServer.PASSWORD);
    JsonNode shown = olena.get("/api/v1/upstream/drafts").json().get("drafts").get(0);
    assertThat(shown.get("id").asLong()).isEqualTo(draft);
    assertThat(shown.get("authority").asText()).isEqualTo("air-force");
    assertThat(shown.get("signedBy").asText())
        .isEqualTo(PublicKeys.fingerprint(server.trusted.getPublic()));
    assertThat(shown.get("state").asText()).isEqualTo("pending");
    assertThat(shown.get("unmapped")).hasSize(1);

    // An operator may not approve; an approver must state the message's status.
    ConsoleClient.Response byOperator =
        olena.post(
            "/api/v1/upstream/drafts/" + draft + "/approve", ConsoleApiTest.confirm("Exercise"));
    ConsoleClient petro = ConsoleClient.login(server.base(), "petro", ConsoleServer.PASSWORD);
    ConsoleClient.Response wrongStatus =
        petro.post(
            "/api/v1/upstream/drafts/" + draft + "/approve", ConsoleApiTest.confirm("Actual"));
    assertThat(byOperator.status()).as(byOperator.body()).isEqualTo(403);
    assertThat(wrongStatus.status()).as(wrongStatus.body()).isEqualTo(409);
    assertThat(server.alerts().get("alerts")).isEmpty();

    ConsoleClient.Response approved =
        petro.post(
            "/api/v1/upstream/drafts/" + draft + "/approve", ConsoleApiTest.confirm("Exercise"));

    assertThat(approved.status()).as(approved.body()).isEqualTo(200);
    assertThat(approved.json().get("decidedBy").asText()).isEqualTo("petro");
    List<JsonNode> alerts = server.upstreamAlerts();
    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0).get("threat").asText()).isEqualTo(relay.get("threat").asText());
    assertThat(alerts.get(0).get("status").asText()).isEqualTo("Exercise");
    assertThat(
            petro
                .post(
                    "/api/v1/upstream/drafts/" + draft + "/approve",
                    ConsoleApiTest.confirm("Exercise"))
                .status())
        .isEqualTo(409);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void relayedUpstreamAlertsComeBackAfterARestartAndCancelledOnesStayDown(Backend backend)
      throws Exception {
    start(backend, UpstreamAuthorities.RelayMode.AUTO);
    String launch =
        UpstreamRelayServer.launch(
            "af-launch-7", "Actual", "Alert", "Shelter", Duration.ofMinutes(6), null);
    String launchThreat =
        server.postSigned(server.airForceKey, launch).get("relay").get("threat").asText();
    String noticeThreat =
        server
            .postSigned(server.dsnsKey, UpstreamRelayServer.notice("dsns-notice-7", "Exercise"))
            .get("relay")
            .get("threat")
            .asText();
    String second =
        UpstreamRelayServer.launch(
            "af-launch-7b", "Actual", "Alert", "Prepare", Duration.ofMinutes(9), null);
    String cancelledThreat =
        server.postSigned(server.airForceKey, second).get("relay").get("threat").asText();
    server.postSigned(
        server.airForceKey,
        UpstreamRelayServer.cancel(
            "af-cancel-7", "Actual", UpstreamRelayServer.referenceTo(second)));
    JsonNode before = server.alerts();
    assertThat(threats(server.upstreamAlerts()))
        .containsExactlyInAnyOrder(launchThreat, noticeThreat);

    server.restart();

    JsonNode after = server.alerts();
    assertThat(threats(server.upstreamAlerts()))
        .containsExactlyInAnyOrder(launchThreat, noticeThreat)
        .doesNotContain(cancelledThreat);
    assertThat(capIdentifiers(after)).isEqualTo(capIdentifiers(before));
    JsonNode notice =
        server.upstreamAlerts().stream()
            .filter(a -> a.get("threat").asText().equals(noticeThreat))
            .findFirst()
            .orElseThrow();
    assertThat(notice.get("status").asText()).isEqualTo("Exercise");
    assertThat(notice.get("source").get("authority").asText()).isEqualTo("dsns");
    assertThat(notice.get("areas").get(0).get("secondsToArrival").isNull()).isTrue();
  }

  private static String hromadaAt(double latitudeDeg, double longitudeDeg) {
    return UpstreamRelayServer.AREAS
        .containing(GeoPoint.of(latitudeDeg, longitudeDeg))
        .orElseThrow()
        .id();
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }

  private static List<String> threats(List<JsonNode> alerts) {
    return alerts.stream().map(a -> a.get("threat").asText()).toList();
  }

  private static Set<String> levels(JsonNode alert) {
    Set<String> levels = new java.util.TreeSet<>();
    alert.get("areas").forEach(area -> levels.add(area.get("level").asText()));
    return levels;
  }

  private static Set<String> capIdentifiers(JsonNode alerts) {
    List<JsonNode> list = new ArrayList<>();
    alerts.get("alerts").forEach(list::add);
    return list.stream()
        .map(a -> a.get("threat").asText() + "=" + a.get("capIdentifier").asText())
        .collect(Collectors.toSet());
  }
}
