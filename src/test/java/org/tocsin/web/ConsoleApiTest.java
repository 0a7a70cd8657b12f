package org.tocsin.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tocsin.alert.AlertStatus;
import org.tocsin.cap.CapAlert;
import org.tocsin.cap.CapReader;
import org.tocsin.store.TestDatabase.Backend;

/**
 * The console's rules over its API, on a real server with the journal on the embedded database: who
 * may draft and approve, CSRF, two-person approval, the status stated in every confirmation, and
 * the ready corrections reaching every channel the alert did.
 */
class ConsoleApiTest {

  @TempDir Path dir;
  private ConsoleServer server;

  @BeforeEach
  void start() throws Exception {
    server = new ConsoleServer(Backend.H2, dir, AlertStatus.ACTUAL);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  static ObjectNode draftBody(String status, String template, String... areas) {
    ObjectNode body = ConsoleClient.MAPPER.createObjectNode();
    body.put("status", status);
    body.put("level", "shelter");
    body.put("minutesToArrival", 10);
    body.put("template", template);
    var list = body.putArray("areas");
    for (String area : areas) {
      list.add(area);
    }
    return body;
  }

  static ObjectNode confirm(String status) {
    return ConsoleClient.MAPPER.createObjectNode().put("confirmStatus", status);
  }

  private long draft(ConsoleClient client, JsonNode body) throws Exception {
    ConsoleClient.Response response = client.post("/api/v1/drafts", body);
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    return response.json().get("id").asLong();
  }

  @Test
  void anActualDraftGoesOutOnlyOnceASecondPersonApprovesIt() throws Exception {
    ConsoleClient olena = server.client("olena");
    ConsoleClient petro = server.client("petro");
    long id = draft(olena, draftBody("Actual", "actual-shelter", "UA8000000", "UA4606025"));

    JsonNode pending = petro.get("/api/v1/drafts/" + id).json();
    assertThat(pending.get("state").asText()).isEqualTo("pending");
    assertThat(pending.get("audience").get("areaCount").asInt()).isEqualTo(2);
    assertThat(pending.get("audience").get("areaKm2").asDouble()).isGreaterThan(800);
    assertThat(pending.get("audience").get("population").isNull()).isTrue();
    assertThat(pending.get("confirmation").asText())
        .startsWith("Send this ACTUAL alert (a REAL alert to the public)")
        .contains("2 areas");
    assertThat(pending.get("sentHeadlines").get("en").asText())
        .isEqualTo("Missile threat: take shelter now");
    assertThat(alertsInForce()).isEmpty();

    ConsoleClient.Response approved =
        petro.post("/api/v1/drafts/" + id + "/approve", confirm("Actual"));
    assertThat(approved.status()).as(approved.body()).isEqualTo(200);
    assertThat(approved.json().get("state").asText()).isEqualTo("approved");
    assertThat(approved.json().get("decidedBy").asText()).isEqualTo("petro");
    String threat = approved.json().get("threat").asText();

    JsonNode alert = alertsInForce().get(0);
    assertThat(alert.get("threat").asText()).isEqualTo(threat);
    assertThat(alert.get("status").asText()).isEqualTo("Actual");
    assertThat(alert.get("origin").asText()).isEqualTo("manual");
    assertThat(alert.get("areas")).hasSize(2);
    assertThat(alert.get("areas").get(0).get("level").asText()).isEqualTo("shelter");
    CapAlert message = cap(alert.get("capIdentifier").asText());
    assertThat(message.status()).isEqualTo(CapAlert.Status.ACTUAL);
    assertThat(message.msgType()).isEqualTo(CapAlert.MsgType.ALERT);
    assertThat(message.info("en-US").orElseThrow().headline().orElseThrow())
        .contains("Missile threat: take shelter now");
  }

  @Test
  void nobodyApprovesTheirOwnDraft() throws Exception {
    ConsoleClient petro = server.client("petro");
    long id = draft(petro, draftBody("Actual", "actual-shelter", "UA8000000"));

    ConsoleClient.Response self =
        petro.post("/api/v1/drafts/" + id + "/approve", confirm("Actual"));

    assertThat(self.status()).isEqualTo(403);
    assertThat(self.detail()).contains("another person must approve it");
    assertThat(petro.get("/api/v1/drafts/" + id).json().get("state").asText()).isEqualTo("pending");
    assertThat(alertsInForce()).isEmpty();
    assertThat(
            server
                .client("marta")
                .post("/api/v1/drafts/" + id + "/approve", confirm("Actual"))
                .status())
        .isEqualTo(200);
  }

  @Test
  void theDatabaseItselfRefusesASelfApproval() throws Exception {
    long id = draft(server.client("petro"), draftBody("Actual", "actual-shelter", "UA8000000"));
    try (Connection connection = server.db.jdbc();
        Statement statement = connection.createStatement()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () ->
                  statement.executeUpdate(
                      "UPDATE drafts SET state = 'approved', decided_by = 'petro',"
                          + " decided_at = created_at WHERE id = "
                          + id))
          .isInstanceOf(java.sql.SQLException.class);
    }
  }

  @Test
  void viewersAndAdminsCannotDraftAndOperatorsCannotApprove() throws Exception {
    for (String account : new String[] {"vika", "admin"}) {
      ConsoleClient.Response refused =
          server
              .client(account)
              .post("/api/v1/drafts", draftBody("Exercise", "exercise-shelter", "UA8000000"));
      assertThat(refused.status()).as(account).isEqualTo(403);
      assertThat(refused.detail()).contains("may not draft");
    }
    long id = draft(server.client("olena"), draftBody("Exercise", "exercise-shelter", "UA8000000"));
    ConsoleClient.Response operator =
        server.client("olena").post("/api/v1/drafts/" + id + "/approve", confirm("Exercise"));
    assertThat(operator.status()).isEqualTo(403);
    assertThat(operator.detail()).contains("may not approve");
    assertThat(server.client("vika").get("/api/v1/drafts").json().get("drafts")).hasSize(1);
  }

  @Test
  void everyMutatingEndpointNeedsASessionAndItsCsrfToken() throws Exception {
    ConsoleClient olena = server.client("olena");
    long id = draft(olena, draftBody("Exercise", "exercise-shelter", "UA8000000"));
    approve(id, "Exercise");
    String threat = alertsInForce().get(0).get("threat").asText();
    String[][] requests = {
      {"/api/v1/drafts", draftBody("Exercise", "exercise-shelter", "UA8000000").toString()},
      {"/api/v1/audience", "{\"areas\":[\"UA8000000\"]}"},
      {"/api/v1/drafts/" + id + "/approve", confirm("Exercise").toString()},
      {"/api/v1/drafts/" + id + "/reject", "{\"reason\":\"no\"}"},
      {"/api/v1/alerts/" + threat + "/cancel", confirm("Exercise").toString()}
    };
    ConsoleClient petro = server.client("petro");
    for (String[] request : requests) {
      assertThat(ConsoleClient.anonymous(server.base()).post(request[0], request[1]).status())
          .as("no session: " + request[0])
          .isEqualTo(401);
      assertThat(petro.withCsrf(null).post(request[0], request[1]).status())
          .as("no token: " + request[0])
          .isEqualTo(403);
      ConsoleClient.Response forged = petro.withCsrf("forged-token").post(request[0], request[1]);
      assertThat(forged.status()).as("forged token: " + request[0]).isEqualTo(403);
      assertThat(forged.detail()).contains("X-CSRF-Token");
    }
    assertThat(olena.get("/api/v1/drafts").json().get("drafts")).hasSize(1);
    assertThat(alertsInForce()).hasSize(1);
    assertThat(ConsoleClient.anonymous(server.base()).get("/api/v1/drafts").status())
        .isEqualTo(401);
  }

  @Test
  void anApprovalMustStateTheDraftsStatus() throws Exception {
    long id = draft(server.client("olena"), draftBody("Actual", "actual-shelter", "UA8000000"));

    ConsoleClient.Response mistaken =
        server.client("petro").post("/api/v1/drafts/" + id + "/approve", confirm("Exercise"));

    assertThat(mistaken.status()).isEqualTo(409);
    assertThat(mistaken.detail())
        .contains("is ACTUAL (a REAL alert to the public), but the approval confirmed EXERCISE");
    assertThat(alertsInForce()).isEmpty();
    assertThat(server.client("petro").post("/api/v1/drafts/" + id + "/approve", "{}").status())
        .isEqualTo(400);
  }

  @Test
  void aRejectedDraftIsNeverSentAndADecidedDraftIsNotDecidedAgain() throws Exception {
    long id = draft(server.client("olena"), draftBody("Actual", "actual-shelter", "UA8000000"));
    ConsoleClient petro = server.client("petro");

    ConsoleClient.Response rejected =
        petro.post("/api/v1/drafts/" + id + "/reject", "{\"reason\":\"wrong oblast\"}");
    assertThat(rejected.json().get("state").asText()).isEqualTo("rejected");
    assertThat(rejected.json().get("note").asText()).isEqualTo("wrong oblast");

    ConsoleClient.Response again =
        petro.post("/api/v1/drafts/" + id + "/approve", confirm("Actual"));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.detail()).contains("rejected already");
    assertThat(alertsInForce()).isEmpty();
    assertThat(petro.post("/api/v1/drafts/999/approve", confirm("Actual")).status()).isEqualTo(404);
  }

  @Test
  void anApproverMayRejectTheirOwnDraftWhichWithdrawsItButNeverApproveIt() throws Exception {
    ConsoleClient petro = server.client("petro");
    long id = draft(petro, draftBody("Exercise", "exercise-shelter", "UA8000000"));

    assertThat(petro.post("/api/v1/drafts/" + id + "/approve", confirm("Exercise")).status())
        .isEqualTo(403);
    ConsoleClient.Response withdrawn =
        petro.post("/api/v1/drafts/" + id + "/reject", "{\"reason\":\"drafted in error\"}");

    assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
    assertThat(withdrawn.json().get("state").asText()).isEqualTo("rejected");
    assertThat(withdrawn.json().get("decidedBy").asText()).isEqualTo("petro");
    assertThat(withdrawn.json().get("createdBy").asText()).isEqualTo("petro");
    assertThat(alertsInForce()).isEmpty();
  }

  @Test
  void aConfirmationWithoutConfirmStatusIsABadRequestNamingTheField() throws Exception {
    long id = draft(server.client("olena"), draftBody("Exercise", "exercise-shelter", "UA8000000"));

    ConsoleClient.Response missing =
        server.client("petro").post("/api/v1/drafts/" + id + "/approve", "{}");

    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.detail()).startsWith("confirmStatus: must be one of Actual, Exercise, Test");
    assertThat(alertsInForce()).isEmpty();
  }

  @Test
  void aBadDraftIsRefusedNamingEveryProblemAndStoresNothing() throws Exception {
    ObjectNode body = draftBody("Exercise", "actual-shelter", "UA8000000", "UA9999999");
    body.put("minutesToArrival", 90);
    body.put("level", "panic");
    body.put("sneaky", true);
    body.putObject("text").put("headlineEn", " ");

    ConsoleClient.Response refused = server.client("olena").post("/api/v1/drafts", body);

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.detail())
        .contains("sneaky: unknown field")
        .contains("level: must be shelter or prepare, was \"panic\"")
        .contains("minutesToArrival: must be a whole number within [0, 60], was 90")
        .contains("areas[1]: must be an area of the set ua-hromadas, was \"UA9999999\"")
        .contains(
            "template: 'actual-shelter' is a Actual template; a Exercise draft takes only"
                + " exercise-shelter, exercise-prepare");
    assertThat(server.client("olena").get("/api/v1/drafts").json().get("drafts")).isEmpty();
  }

  @Test
  void aDrawnPolygonWarnsEveryAreaItTouchesAndTheAudienceCountsThem() throws Exception {
    ObjectNode body = ConsoleClient.MAPPER.createObjectNode();
    var ring = body.putObject("polygon").put("type", "Polygon").putArray("coordinates").addArray();
    double[][] corners = {{30.40, 50.40}, {30.60, 50.40}, {30.60, 50.50}, {30.40, 50.50}};
    for (double[] corner : corners) {
      ring.addArray().add(corner[0]).add(corner[1]);
    }
    ring.addArray().add(corners[0][0]).add(corners[0][1]);

    JsonNode audience = server.client("olena").post("/api/v1/audience", body).json();

    List<String> ids = new ArrayList<>();
    audience.get("areas").forEach(area -> ids.add(area.get("id").asText()));
    assertThat(ids).contains("UA8000000");
    assertThat(audience.get("areaCount").asInt()).isEqualTo(ids.size());

    body.put("status", "Exercise").put("level", "prepare").put("minutesToArrival", 5);
    body.put("template", "exercise-prepare");
    long id = draft(server.client("olena"), body);
    JsonNode draft = server.client("olena").get("/api/v1/drafts/" + id).json();
    assertThat(draft.get("audience").get("areaCount").asInt()).isEqualTo(ids.size());
    assertThat(draft.get("polygon").get("type").asText()).isEqualTo("Polygon");
  }

  @Test
  void aCancelReferencesTheOriginalAndReachesEveryChannelItUsed() throws Exception {
    long id = draft(server.client("olena"), draftBody("Actual", "actual-shelter", "UA8000000"));
    approve(id, "Actual");
    JsonNode alert = alertsInForce().get(0);
    String threat = alert.get("threat").asText();
    String original = alert.get("capIdentifier").asText();
    JsonNode ready = alert.get("ready");
    assertThat(ready).hasSize(3);
    assertThat(ready.get(0).get("action").asText()).isEqualTo("cancel");
    assertThat(ready.get(0).get("references").asText()).isEqualTo(original);
    assertThat(ready.get(0).get("confirmation").asText())
        .startsWith("Send the CANCEL of this ACTUAL alert (a REAL alert to the public)");
    assertThat(ready.get(1).get("headlineEn").asText())
        .isEqualTo("Correction: the missile alert was issued in error");

    ConsoleClient.Response sent =
        server.client("olena").post("/api/v1/alerts/" + threat + "/cancel", confirm("Actual"));

    assertThat(sent.status()).as(sent.body()).isEqualTo(200);
    assertThat(sent.json().get("references").asText()).isEqualTo(original);
    assertThat(alertsInForce()).isEmpty();
    // The CAP message, signed or not, as receivers fetch it.
    CapAlert cancel = cap(sent.json().get("capIdentifier").asText());
    assertThat(cancel.msgType()).isEqualTo(CapAlert.MsgType.CANCEL);
    assertThat(cancel.status()).isEqualTo(CapAlert.Status.ACTUAL);
    assertThat(cancel.references().get(0).identifier()).isEqualTo(original);
    // The feed that broadcasters poll keeps listing the Cancel once the alert is gone.
    String feed = server.client("vika").get("/feed.atom").body();
    assertThat(feed).contains(sent.json().get("capIdentifier").asText());
    // The event stream, from the start.
    List<JsonNode> events = events(2);
    assertThat(events).hasSize(2);
    assertThat(events.get(1).get("type").asText()).isEqualTo("cancel");
    assertThat(events.get(1).get("references").asText())
        .isEqualTo(events.get(0).get("id").asText());
    assertThat(events.get(1).get("status").asText()).isEqualTo("Actual");
    // The outbox: the Cancel is queued on the same channels as the alert it cancels.
    assertThat(outboxChannels(events.get(1).get("id").asText()))
        .isEqualTo(outboxChannels(events.get(0).get("id").asText()))
        .containsExactlyInAnyOrderElementsOf(ConsoleServer.CHANNELS);
  }

  @Test
  void aCorrectionSaysTheAlertWasIssuedInErrorAndAnAllClearEndsAnother() throws Exception {
    approve(draft(server.client("olena"), draftBody("Test", "test-shelter", "UA8000000")), "Test");
    approve(
        draft(server.client("olena"), draftBody("Exercise", "exercise-shelter", "UA4606025")),
        "Exercise");
    List<JsonNode> alerts = alertsInForce();
    String test = threatOf(alerts, "Test");
    String exercise = threatOf(alerts, "Exercise");

    ConsoleClient olena = server.client("olena");
    assertThat(olena.post("/api/v1/alerts/" + test + "/correction", confirm("Actual")).status())
        .isEqualTo(409);
    JsonNode correction =
        olena.post("/api/v1/alerts/" + test + "/correction", confirm("Test")).json();
    JsonNode allClear =
        olena.post("/api/v1/alerts/" + exercise + "/all-clear", confirm("Exercise")).json();

    CapAlert corrected = cap(correction.get("capIdentifier").asText());
    assertThat(corrected.status()).isEqualTo(CapAlert.Status.TEST);
    assertThat(corrected.msgType()).isEqualTo(CapAlert.MsgType.UPDATE);
    assertThat(corrected.info("en-US").orElseThrow().headline().orElseThrow())
        .contains("TEST — Correction: the missile alert was issued in error");
    CapAlert cleared = cap(allClear.get("capIdentifier").asText());
    assertThat(cleared.status()).isEqualTo(CapAlert.Status.EXERCISE);
    assertThat(cleared.info("en-US").orElseThrow().headline().orElseThrow())
        .startsWith("EXERCISE — ");
    assertThat(alertsInForce()).isEmpty();
    assertThat(olena.post("/api/v1/alerts/" + test + "/cancel", confirm("Test")).status())
        .isEqualTo(404);
    assertThat(
            server
                .client("vika")
                .post("/api/v1/alerts/" + test + "/cancel", confirm("Test"))
                .status())
        .isEqualTo(404);
  }

  @Test
  void theOperatorApiIsInTheOpenApiDescriptionForIntegrators() throws Exception {
    JsonNode paths =
        ConsoleClient.anonymous(server.base()).get("/openapi.json").json().get("paths");
    for (String path :
        new String[] {
          "/console",
          "/api/v1/templates",
          "/api/v1/audience",
          "/api/v1/drafts",
          "/api/v1/drafts/{id}",
          "/api/v1/drafts/{id}/approve",
          "/api/v1/drafts/{id}/reject",
          "/api/v1/alerts/{threat}/{action}"
        }) {
      assertThat(paths.has(path)).as(path).isTrue();
    }
    assertThat(paths.get("/api/v1/drafts/{id}/approve").toString()).contains("confirmStatus");
  }

  @Test
  void templatesAreKeptApartByStatus() throws Exception {
    JsonNode exercise = server.client("vika").get("/api/v1/templates?status=Exercise").json();
    assertThat(exercise.get("templates")).isNotEmpty();
    exercise
        .get("templates")
        .forEach(
            template -> {
              assertThat(template.get("status").asText()).isEqualTo("Exercise");
              assertThat(template.get("id").asText()).startsWith("exercise-");
            });
    assertThat(ConsoleClient.anonymous(server.base()).get("/api/v1/templates").status())
        .isEqualTo(401);
  }

  private void approve(long id, String status) throws Exception {
    server.approve(id, status);
  }

  private static String threatOf(List<JsonNode> alerts, String status) {
    return ConsoleServer.threatOf(alerts, status);
  }

  private List<JsonNode> alertsInForce() throws Exception {
    return server.alertsInForce();
  }

  private CapAlert cap(String identifier) throws Exception {
    ConsoleClient.Response response =
        ConsoleClient.anonymous(server.base())
            .get("/cap/" + java.net.URLEncoder.encode(identifier, "UTF-8") + ".xml");
    assertThat(response.status()).isEqualTo(200);
    return CapReader.read(response.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /**
   * The first {@code count} events of the server-sent event stream, as a browser that resumes from
   * the start reads them (a new client is sent only the alerts in force).
   */
  private List<JsonNode> events(int count) throws Exception {
    var request =
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.base() + "/api/v1/events"))
            .header("Accept", "text/event-stream")
            .header("Last-Event-ID", "0")
            .timeout(java.time.Duration.ofSeconds(10))
            .build();
    var response =
        java.net.http.HttpClient.newHttpClient()
            .send(request, java.net.http.HttpResponse.BodyHandlers.ofInputStream());
    List<JsonNode> events = new ArrayList<>();
    try (var reader =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(
                response.body(), java.nio.charset.StandardCharsets.UTF_8))) {
      String line;
      while (events.size() < count && (line = reader.readLine()) != null) {
        if (line.startsWith("data:")) {
          events.add(ConsoleClient.MAPPER.readTree(line.substring("data:".length()).trim()));
        }
      }
    }
    return events;
  }

  private List<String> outboxChannels(String eventId) throws Exception {
    List<String> channels = new ArrayList<>();
    try (Connection connection = server.db.jdbc();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT channel FROM outbox WHERE idempotency_key LIKE '"
                    + eventId
                    + "/%' ORDER BY channel")) {
      while (rows.next()) {
        channels.add(rows.getString(1));
      }
    }
    return channels;
  }
}
