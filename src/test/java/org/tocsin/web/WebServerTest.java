package org.tocsin.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tocsin.area.AreaSets;
import org.tocsin.node.PublishedEvent;

/** The HTTP API against a real server on a random port. */
class WebServerTest {

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper mapper = new ObjectMapper();
  private SeaImpactReplay replay;
  private WebServer server;

  @BeforeEach
  void start() {
    replay = new SeaImpactReplay();
    server = WebServer.start(replay.live, AreaSets.bundled("ua-hromadas"), 0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void alertsInForceCarryAreasLevelsAndTheCountdown() throws Exception {
    replay.feedUntil("ALERT");

    HttpResponse<String> response = get("/api/v1/alerts");
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = mapper.readTree(response.body());
    assertThat(body.get("status").asText()).isEqualTo("Exercise");
    JsonNode alert = body.get("alerts").get(0);
    JsonNode area = alert.get("areas").get(0);
    assertThat(area.get("id").asText()).startsWith("UA01");
    assertThat(area.get("level").asText()).isIn("prepare", "shelter");
    assertThat(area.get("secondsToArrival").asDouble()).isPositive();
    assertThat(area.get("nameEn").asText()).isNotBlank();

    String threat = alert.get("threat").asText();
    assertThat(get("/api/v1/alerts/" + threat).statusCode()).isEqualTo(200);
    JsonNode threats = mapper.readTree(get("/api/v1/threats").body()).get("threats");
    assertThat(threats.get(0).get("id").asText()).isEqualTo(threat);
  }

  @Test
  void unknownThingsAreProblemDocuments() throws Exception {
    HttpResponse<String> missing = get("/api/v1/alerts/nope");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    JsonNode problem = mapper.readTree(missing.body());
    assertThat(problem.get("status").asInt()).isEqualTo(404);
    assertThat(problem.get("detail").asText()).contains("nope");
    assertThat(get("/api/v1/areas/ua-villages").statusCode()).isEqualTo(404);
    assertThat(get("/no/such/page").statusCode()).isEqualTo(404);
  }

  @Test
  void areaSetsAreServedAsGeoJson() throws Exception {
    HttpResponse<String> response = get("/api/v1/areas/ua-oblasts");
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode geojson = mapper.readTree(response.body());
    assertThat(geojson.get("type").asText()).isEqualTo("FeatureCollection");
    assertThat(geojson.get("features")).hasSize(27);
    assertThat(geojson.get("features").get(0).get("geometry").get("type").asText())
        .isIn("Polygon", "MultiPolygon");
  }

  @Test
  void pageLeafletHealthMetricsAndOpenApiAreServed() throws Exception {
    assertThat(get("/").body()).contains("<div id=\"map\"").contains("CC BY-IGO 3.0");
    assertThat(get("/webjars/leaflet/1.9.4/dist/leaflet.js").statusCode()).isEqualTo(200);
    assertThat(get("/data/land-50m.topojson").body()).contains("\"land\"");
    assertThat(mapper.readTree(get("/health").body()).get("status").asText()).isEqualTo("UP");
    JsonNode openApi = mapper.readTree(get("/openapi.json").body());
    for (String path :
        new String[] {
          "/api/v1/alerts",
          "/api/v1/alerts/{threat}",
          "/api/v1/threats",
          "/api/v1/areas/{set}",
          "/api/v1/events",
          "/health",
          "/metrics"
        }) {
      assertThat(openApi.get("paths").has(path)).as(path).isTrue();
    }
    replay.feedUntil("ALERT");
    assertThat(get("/metrics").body()).contains("tocsin_alert_events_total 1.0");
  }

  @Test
  void eventStreamReplaysAfterLastEventIdAndThenFollowsLive() throws Exception {
    replay.feedUntil("ALERT");
    List<PublishedEvent> before = replay.live.eventsAfter(0);
    long last = before.get(before.size() - 1).sequence();
    var request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/api/v1/events"))
            .header("Accept", "text/event-stream")
            .header("Last-Event-ID", String.valueOf(last - 1))
            .timeout(Duration.ofSeconds(10))
            .build();
    var response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    // Lines as they arrive, read on their own thread, so that events can be fed meanwhile.
    java.util.concurrent.BlockingQueue<String> arriving =
        new java.util.concurrent.LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  arriving.add(line);
                }
              } catch (java.io.IOException e) {
                arriving.add("closed: " + e);
              }
            },
            "sse-reader");
    reader.setDaemon(true);
    reader.start();
    // Lines taken from the stream up to the first that matches, waiting at most 10 s for each.
    java.util.function.BiFunction<java.util.function.Predicate<String>, String, List<String>>
        linesUntil =
            (isLast, what) -> {
              List<String> lines = new ArrayList<>();
              while (lines.isEmpty() || !isLast.test(lines.get(lines.size() - 1))) {
                try {
                  String line = arriving.poll(10, java.util.concurrent.TimeUnit.SECONDS);
                  assertThat(line).as(what + " within 10 s, after " + lines).isNotNull();
                  lines.add(line);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  throw new AssertionError(e);
                }
              }
              return lines;
            };
    try {
      // The replay: only the last event, the one after Last-Event-ID.
      List<String> replayed = linesUntil.apply(line -> line.startsWith("data:"), "the replay");
      assertThat(replayed.stream().filter(l -> l.startsWith("id: ")).toList())
          .containsExactly("id: " + last);

      // Fed only now, while the client is connected: it can only arrive live.
      replay.feedUntil("CANCEL");
      List<String> live =
          linesUntil.apply(line -> line.contains("\"msgType\":\"Cancel\""), "the live Cancel");

      assertThat(live).contains("event: alert");
      assertThat(live.stream().filter(l -> l.startsWith("id: ")).toList())
          .isNotEmpty()
          .allSatisfy(
              id -> assertThat(Long.parseLong(id.substring("id: ".length()))).isGreaterThan(last));
      String cancel = live.get(live.size() - 1);
      JsonNode event = mapper.readTree(cancel.substring("data:".length()).trim());
      assertThat(event.get("status").asText()).isEqualTo("Exercise");
      assertThat(event.get("references").asText()).isNotBlank();
    } finally {
      response.body().close();
    }
  }

  @Test
  void everyAlertIsACapMessageListedInTheAtomFeed() throws Exception {
    replay.feedUntil("ALERT");

    HttpResponse<String> feed = get("/feed.atom");
    assertThat(feed.statusCode()).isEqualTo(200);
    assertThat(feed.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/atom+xml"));
    java.util.regex.Matcher link =
        java.util.regex.Pattern.compile("href=\"http://localhost(?::[0-9]+)?(/cap/[^\"]+\\.xml)\"")
            .matcher(feed.body());
    assertThat(link.find()).as(feed.body()).isTrue();
    HttpResponse<String> message = get(link.group(1));
    assertThat(message.statusCode()).isEqualTo(200);
    org.tocsin.cap.CapAlert alert =
        org.tocsin.cap.CapReader.read(message.body().getBytes(StandardCharsets.UTF_8));
    assertThat(alert.status()).isEqualTo(org.tocsin.cap.CapAlert.Status.EXERCISE);
    assertThat(alert.msgType()).isEqualTo(org.tocsin.cap.CapAlert.MsgType.ALERT);
    assertThat(get("/cap/urn:tocsin:nobody:X-1.xml").statusCode()).isEqualTo(404);
  }

  /** Replaces the server with a fresh one, on a fresh replay, set up as given. */
  private void restartWith(ServerOptions options) {
    server.close();
    replay = new SeaImpactReplay();
    server = WebServer.start(replay.live, AreaSets.bundled("ua-hromadas"), options);
  }

  /** A server that takes reports from one sensor: two requests, then one a hundred seconds. */
  private void ingestServer(HashedSensorKeys keys) {
    restartWith(ServerOptions.defaults(0, keys).withRate(0.01, 2));
  }

  /** A server whose one sensor, {@code ir-1}, posts with the returned key. */
  private String ingestServerForIr1() {
    HashedSensorKeys keys = new HashedSensorKeys();
    String key = keys.add("ir-1");
    ingestServer(keys);
    return key;
  }

  private HttpResponse<String> post(String key, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/api/v1/reports"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String launchReport(String sensor) {
    return "{\"reports\":[{\"type\":\"launch-detection\",\"sensorId\":\""
        + sensor
        + "\",\"time\":\"2025-03-02T02:55:20Z\",\"launch\":{\"lat\":45.71,\"lon\":34.39,"
        + "\"time\":\"2025-03-02T02:55:00Z\"},\"headingDeg\":300,\"positionSigmaM\":3000,"
        + "\"headingSigmaDeg\":5,\"class\":\"srbm\"}]}";
  }

  @Test
  void aSensorWithItsKeyPostsReportsThatAreWarnedOn() throws Exception {
    String key = ingestServerForIr1();

    HttpResponse<String> response = post(key, launchReport("ir-1"));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    JsonNode body = mapper.readTree(response.body());
    assertThat(body.get("accepted").asInt()).isEqualTo(1);
    assertThat(body.get("events")).isNotEmpty();
    assertThat(mapper.readTree(get("/api/v1/alerts").body()).get("alerts")).isNotEmpty();
  }

  @Test
  void badIngestIsRefusedWithAClearProblemAndChangesNothing() throws Exception {
    String key = ingestServerForIr1();

    HttpResponse<String> anonymous = post(null, launchReport("ir-1"));
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(post("wrong-key", launchReport("ir-1")).statusCode()).isEqualTo(401);

    HttpResponse<String> invalid = post(key, launchReport("ir-1").replace("45.71", "145.71"));
    assertThat(invalid.statusCode()).isEqualTo(400);
    JsonNode problem = mapper.readTree(invalid.body());
    assertThat(problem.get("errors").get(0).asText())
        .isEqualTo("reports[0].launch.lat: must be within [-90, 90], was 145.71");
    assertThat(mapper.readTree(get("/api/v1/threats").body()).get("threats")).isEmpty();
    assertThat(mapper.readTree(get("/api/v1/alerts").body()).get("alerts")).isEmpty();
  }

  @Test
  void aKeyPostsOnlyForItsOwnSensorAndWithinItsRate() throws Exception {
    String key = ingestServerForIr1();

    HttpResponse<String> foreign = post(key, launchReport("ir-2"));
    assertThat(foreign.statusCode()).isEqualTo(403);
    assertThat(foreign.body()).contains("reports[0].sensorId: must be 'ir-1'");
    // The 403 spent one of the two tokens of the burst.
    assertThat(post(key, launchReport("ir-1")).statusCode()).isEqualTo(202);
    HttpResponse<String> limited = post(key, launchReport("ir-1"));
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).contains("1");
  }

  @Test
  void capMessagesAreSignedWithTheServersKeyAndVerify(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.security.KeyPair key = SigningKeys.loadOrCreate(dir);
    assertThat(SigningKeys.loadOrCreate(dir).getPublic()).isEqualTo(key.getPublic());
    restartWith(ServerOptions.defaults(0, SensorAuthenticator.NONE).withSigningKey(key));
    replay.feedUntil("ALERT");
    java.util.regex.Matcher link =
        java.util.regex.Pattern.compile("href=\"http://localhost(?::[0-9]+)?(/cap/[^\"]+\\.xml)\"")
            .matcher(get("/feed.atom").body());
    assertThat(link.find()).isTrue();
    byte[] signed = get(link.group(1)).body().getBytes(StandardCharsets.UTF_8);
    org.tocsin.cap.CapAlert verified =
        new org.tocsin.cap.CapVerifier(List.of(key.getPublic())).verify(signed);
    assertThat(verified.status()).isEqualTo(org.tocsin.cap.CapAlert.Status.EXERCISE);
  }
}
