package org.tocsin.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tocsin.area.AreaSets;
import org.tocsin.delivery.PushSubscriptions;
import org.tocsin.delivery.webpush.VapidKeys;
import org.tocsin.store.MutableClock;
import org.tocsin.store.TestDatabase;

/**
 * {@code POST /api/v1/push/subscriptions} and {@code DELETE /api/v1/push/subscriptions/{id}}: a
 * subscription is made for areas named or found at a point, whatever is wrong in a body is refused
 * by name with nothing stored, and only its token removes it.
 */
class PushRoutesTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path tempDir;

  private final HttpClient http = HttpClient.newHttpClient();
  private TestDatabase db;
  private PushSubscriptions store;
  private WebServer server;
  private String p256dh;
  private final String auth = BrowserPushKeys.auth();

  @BeforeEach
  void start() throws Exception {
    db = TestDatabase.create(TestDatabase.Backend.H2, tempDir);
    store =
        new PushSubscriptions(
            db.database(), new MutableClock(Instant.parse("2026-12-02T08:00:00Z")));
    server =
        WebServer.start(
            new SeaImpactReplay().live,
            AreaSets.bundled("ua-hromadas"),
            ServerOptions.defaults(0, SensorAuthenticator.NONE)
                .withVapidKeys(VapidKeys.generate())
                .withPushSubscriptions(store));
    p256dh = BrowserPushKeys.p256dh();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    db.close();
  }

  @Test
  void aSubscriptionForAPointTakesTheAreaThereAndOnlyItsTokenRemovesIt() throws Exception {
    HttpResponse<String> made =
        post(body("https://push.example.org/send/abc", "\"where\":{\"lat\":48.46,\"lon\":35.04}"));
    assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
    JsonNode created = MAPPER.readTree(made.body());
    String id = created.get("id").asText();
    assertThat(created.get("areas")).hasSize(1);
    assertThat(
            AreaSets.bundled("ua-hromadas")
                .byId(created.get("areas").get(0).asText())
                .orElseThrow()
                .nameEn())
        .isEqualTo("Dniprovska");
    assertThat(store.find(id)).isPresent();

    assertThat(delete(id, null).statusCode()).isEqualTo(401);
    assertThat(delete(id, "not-the-token").statusCode()).isEqualTo(404);
    assertThat(store.find(id)).isPresent();
    assertThat(delete(id, created.get("token").asText()).statusCode()).isEqualTo(204);
    assertThat(store.find(id)).isEmpty();
    assertThat(delete(id, created.get("token").asText()).statusCode()).isEqualTo(404);
  }

  @Test
  void whatIsWrongInABodyIsNamedAndNothingIsStored() throws Exception {
    String https = "https://push.example.org/send/abc";
    refused("{", 400, "body must be JSON");
    refused(body(https, "\"areas\":[\"UA0000000\"]"), 422, "areas[0] must be the id of an area");
    refused(body(https, "\"areas\":[]"), 422, "areas must be a non-empty array");
    refused(
        body(https, "\"areas\":[\"UA1202001\"],\"where\":{\"lat\":48,\"lon\":35}"),
        422,
        "exactly one of areas");
    refused(body(https, "\"where\":{\"lat\":95,\"lon\":35}"), 422, "where.lat must be");
    refused(body(https, "\"where\":{\"lat\":40.0,\"lon\":-3.7}"), 422, "where: no area");
    refused(
        body("http://push.example.org/send/abc", "\"where\":{\"lat\":48.46,\"lon\":35.04}"),
        422,
        "endpoint must be https (http only on a loopback address)");
    refused(
        body("ftp://push.example.org/x", "\"where\":{\"lat\":48.46,\"lon\":35.04}"),
        422,
        "endpoint");
    refused(
        "{\"endpoint\":\""
            + https
            + "\",\"keys\":{\"p256dh\":\"AAAA\",\"auth\":\""
            + auth
            + "\"},\"where\":{\"lat\":48.46,\"lon\":35.04}}",
        422,
        "keys.p256dh");
    refused(
        "{\"endpoint\":\"" + https + "\",\"keys\":{},\"where\":{\"lat\":48.46,\"lon\":35.04}}",
        422,
        "keys.p256dh must be a string");
    refused(
        body(https, "\"where\":{\"lat\":48.46,\"lon\":35.04},\"admin\":true"),
        422,
        "'admin' is not a field");
    int stored =
        db.database()
            .<Integer>inTransaction(
                "count",
                c -> {
                  try (var rows =
                      c.createStatement().executeQuery("SELECT COUNT(*) FROM push_subscription")) {
                    rows.next();
                    return rows.getInt(1);
                  }
                });
    assertThat(stored).isZero();
  }

  private void refused(String body, int status, String detail) throws Exception {
    HttpResponse<String> response = post(body);
    assertThat(response.statusCode()).as(body).isEqualTo(status);
    assertThat(MAPPER.readTree(response.body()).get("detail").asText()).as(body).contains(detail);
  }

  private String body(String endpoint, String target) {
    return "{\"endpoint\":\""
        + endpoint
        + "\",\"keys\":{\"p256dh\":\""
        + p256dh
        + "\",\"auth\":\""
        + auth
        + "\"},"
        + target
        + "}";
  }

  private HttpResponse<String> post(String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri("/api/v1/push/subscriptions"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> delete(String id, String token) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri("/api/v1/push/subscriptions/" + id)).DELETE();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }
}
