package org.tocsin.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tocsin.area.AreaSets;
import org.tocsin.store.Role;
import org.tocsin.store.TestDatabase;
import org.tocsin.store.UpstreamMessages;
import org.tocsin.store.UpstreamRelays;

/**
 * Every GET endpoint and the main POSTs, on a running server with alerts, threats, CAP messages,
 * operators and drafts, checked against the OpenAPI description the server itself serves.
 */
class OpenApiConformanceTest {

  private static final String KEY = "radar-key-0123456789";
  private static final String UPSTREAM_KEY = "dsns-key-0123456789";
  private static final String PASSWORD = "correct horse battery staple";

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper mapper = new ObjectMapper();
  private final List<String> problems = new ArrayList<>();
  @TempDir Path dir;
  private TestDatabase db;
  private SeaImpactReplay replay;
  private WebServer server;
  private OpenApiContract contract;
  private String cookie;
  private String csrf;

  @BeforeEach
  void start() throws Exception {
    db = TestDatabase.create(TestDatabase.Backend.H2, dir);
    OperatorAuth auth = OperatorAuth.on(db.database(), Clock.systemUTC(), Duration.ofMinutes(15));
    auth.accounts().create("olena", Role.OPERATOR, PASSWORD.toCharArray());
    auth.accounts().create("petro", Role.APPROVER, PASSWORD.toCharArray());
    replay = new SeaImpactReplay();
    SensorAuthenticator sensors = key -> KEY.equals(key) ? Optional.of("ir-9") : Optional.empty();
    UpstreamAuthorities upstream =
        new UpstreamAuthorities(
                key -> UPSTREAM_KEY.equals(key) ? Optional.of("dsns") : Optional.empty(),
                new UpstreamMessages(db.database(), Clock.systemUTC()))
            .withRelay(
                new UpstreamAuthorities.Relay(
                    UpstreamAuthorities.RelayMode.APPROVE,
                    new UpstreamRelays(db.database(), Clock.systemUTC())));
    server =
        WebServer.start(
            replay.live,
            AreaSets.bundled("ua-hromadas"),
            ServerOptions.defaults(0, sensors).withOperators(auth).withUpstream(upstream));
    contract = new OpenApiContract(exchange("GET", "/openapi.json", null, Map.of()).body());
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    db.close();
  }

  private HttpResponse<String> exchange(
      String method, String path, String body, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    problems.addAll(contract == null ? List.of() : contract.problems(method, path, response));
    return response;
  }

  private HttpResponse<String> get(String path) throws Exception {
    return exchange("GET", path, null, Map.of());
  }

  private HttpResponse<String> asOperator(String method, String path, String json)
      throws Exception {
    Map<String, String> headers =
        json == null
            ? Map.of("Cookie", cookie, "X-CSRF-Token", csrf)
            : Map.of("Cookie", cookie, "X-CSRF-Token", csrf, "Content-Type", "application/json");
    return exchange(method, path, json, headers);
  }

  private void login(String name) throws Exception {
    HttpResponse<String> response =
        exchange(
            "POST",
            "/api/v1/session",
            "{\"name\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}",
            Map.of("Content-Type", "application/json"));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
    cookie = setCookie.substring(0, setCookie.indexOf(';'));
    csrf = mapper.readTree(response.body()).get("csrfToken").asText();
  }

  @Test
  void everyLiveResponseKeepsToTheDescription() throws Exception {
    publicEndpoints();
    replay.feedUntil("ALERT");
    publicEndpoints();
    JsonNode alert = mapper.readTree(get("/api/v1/alerts").body()).get("alerts").get(0);
    get("/api/v1/alerts/" + alert.get("threat").asText());
    get("/api/v1/alerts/no-such-threat");
    get("/cap/" + alert.get("capIdentifier").asText() + ".xml");
    get("/cap/no-such-message.xml");
    eventStream();
    ingest();
    console();

    assertThat(problems).isEmpty();
    assertThat(contract.checked())
        .contains(
            "GET /api/v1/alerts/{threat} 200",
            "GET /api/v1/events 200",
            "POST /api/v1/reports 202",
            "POST /api/v1/cap 202",
            "POST /api/v1/cap 400",
            "POST /api/v1/cap 403",
            "POST /api/v1/drafts 201",
            "POST /api/v1/drafts/{id}/approve 200",
            "POST /api/v1/alerts/{threat}/{action} 200",
            "GET /api/v1/upstream/drafts 200",
            "POST /api/v1/upstream/drafts/{id}/approve 200",
            "POST /api/v1/upstream/drafts/{id}/reject 409");
  }

  private void publicEndpoints() throws Exception {
    for (String path :
        List.of(
            "/health",
            "/api/v1/alerts",
            "/api/v1/threats",
            "/api/v1/areas/ua-oblasts",
            "/api/v1/areas/ua-villages",
            "/api/v1/atlas",
            "/api/v1/upstream",
            "/feed.atom",
            "/metrics",
            "/openapi.json",
            "/console")) {
      assertThat(get(path).statusCode()).as(path).isLessThan(500);
    }
  }

  private void eventStream() throws Exception {
    String url = "http://localhost:" + server.port() + "/api/v1/events";
    try (SseReader stream = SseReader.open(url, Map.of())) {
      HttpResponse<?> response = stream.response;
      problems.addAll(
          contract.problems(
              "GET",
              "/api/v1/events",
              response.statusCode(),
              response.headers().firstValue("Content-Type").orElse(null),
              ""));
      List<String> lines = stream.until(line -> line.startsWith("data:"), Duration.ofSeconds(20));
      problems.addAll(
          contract.problemsOfComponent(
              "AlertEvent", lines.get(lines.size() - 1).substring("data:".length())));
    }
    exchange("GET", "/api/v1/events", null, Map.of("Last-Event-ID", "not-a-number"));
  }

  private void ingest() throws Exception {
    Map<String, String> json = Map.of("Content-Type", "application/json");
    exchange("POST", "/api/v1/reports", "{\"reports\":[]}", json);
    Map<String, String> keyed =
        Map.of("Content-Type", "application/json", "Authorization", "Bearer " + KEY);
    exchange(
        "POST",
        "/api/v1/reports",
        "{\"reports\":[{\"type\":\"launch-detection\",\"sensorId\":\"ir-9\","
            + "\"time\":\"2025-03-02T03:00:20Z\",\"launch\":{\"lat\":45.71,\"lon\":34.39,"
            + "\"time\":\"2025-03-02T03:00:00Z\"},\"headingDeg\":300,\"positionSigmaM\":3000,"
            + "\"headingSigmaDeg\":5,\"class\":\"srbm\"}]}",
        keyed);
    exchange("POST", "/api/v1/reports", "{\"reports\":[{\"kind\":\"nonsense\"}]}", keyed);
    exchange(
        "POST",
        "/api/v1/reports",
        "reports",
        Map.of("Content-Type", "text/plain", "Authorization", "Bearer " + KEY));
    exchange(
        "POST",
        "/api/v1/cap",
        "<alert/>",
        Map.of("Content-Type", "application/cap+xml", "Authorization", "Bearer " + KEY));
    Map<String, String> upstream =
        Map.of("Content-Type", "application/cap+xml", "Authorization", "Bearer " + UPSTREAM_KEY);
    exchange("POST", "/api/v1/cap", "<alert/>", upstream);
    exchange(
        "POST",
        "/api/v1/cap",
        Files.readString(Path.of("src", "test", "resources", "cap", "samples", "weather.cap")),
        upstream);
    get("/api/v1/upstream");
  }

  /** An upstream authority's message drafted, listed and approved by an approver (petro). */
  private void upstreamDrafts() throws Exception {
    HttpResponse<String> posted =
        exchange(
            "POST",
            "/api/v1/cap",
            UPSTREAM_EXERCISE,
            Map.of(
                "Content-Type", "application/cap+xml", "Authorization", "Bearer " + UPSTREAM_KEY));
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
    long draft = mapper.readTree(posted.body()).get("relay").get("draft").asLong();
    asOperator("GET", "/api/v1/upstream/drafts", null);
    HttpResponse<String> approved =
        asOperator(
            "POST",
            "/api/v1/upstream/drafts/" + draft + "/approve",
            "{\"confirmStatus\":\"Exercise\"}");
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    asOperator("POST", "/api/v1/upstream/drafts/" + draft + "/reject", "{\"reason\":\"late\"}");
    get("/api/v1/alerts");
    get("/api/v1/upstream");
  }

  /** An exercise from the State Emergency Service for Kyiv, valid around the replay's time. */
  private static final String UPSTREAM_EXERCISE =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
        <identifier>dsns-exercise-1</identifier>
        <sender>dsns.example.gov.ua</sender>
        <sent>2025-03-02T05:00:00+02:00</sent>
        <status>Exercise</status>
        <msgType>Alert</msgType>
        <scope>Public</scope>
        <info>
          <category>Safety</category>
          <event>Drill</event>
          <responseType>Prepare</responseType>
          <urgency>Expected</urgency>
          <severity>Severe</severity>
          <certainty>Possible</certainty>
          <expires>2025-03-02T07:00:00+02:00</expires>
          <headline>Drill: be ready to take shelter</headline>
          <area>
            <areaDesc>Kyiv</areaDesc>
            <geocode><valueName>OCHA_PCODE</valueName><value>UA8000000</value></geocode>
          </area>
        </info>
      </alert>
      """;

  private void console() throws Exception {
    get("/api/v1/session");
    login("olena");
    asOperator("GET", "/api/v1/session", null);
    asOperator("GET", "/api/v1/templates", null);
    asOperator("POST", "/api/v1/audience", "{\"areas\":[\"UA8000000\"]}");
    String draft =
        "{\"status\":\"Exercise\",\"level\":\"shelter\",\"minutesToArrival\":10,"
            + "\"template\":\"exercise-shelter\",\"areas\":[\"UA8000000\"]}";
    long first =
        mapper.readTree(asOperator("POST", "/api/v1/drafts", draft).body()).get("id").asLong();
    long second =
        mapper.readTree(asOperator("POST", "/api/v1/drafts", draft).body()).get("id").asLong();
    asOperator("POST", "/api/v1/drafts", "{\"статус\":\"Exercise\"}");
    asOperator("POST", "/api/v1/drafts/" + first + "/approve", "{\"confirmStatus\":\"Exercise\"}");
    asOperator("GET", "/api/v1/drafts", null);
    asOperator("GET", "/api/v1/drafts/" + first, null);
    asOperator("GET", "/api/v1/drafts/999999", null);
    asOperator("DELETE", "/api/v1/session", null);

    login("petro");
    HttpResponse<String> approved =
        asOperator(
            "POST", "/api/v1/drafts/" + first + "/approve", "{\"confirmStatus\":\"Exercise\"}");
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    asOperator("POST", "/api/v1/drafts/" + second + "/reject", "{\"reason\":\"a duplicate\"}");
    String threat = mapper.readTree(approved.body()).get("threat").asText();
    asOperator("GET", "/api/v1/alerts/" + threat, null);
    asOperator("POST", "/api/v1/alerts/" + threat + "/cancel", "{\"confirmStatus\":\"Exercise\"}");
    upstreamDrafts();
    exchange(
        "POST",
        "/api/v1/drafts",
        draft,
        Map.of("Cookie", cookie, "Content-Type", "application/json"));
  }
}
