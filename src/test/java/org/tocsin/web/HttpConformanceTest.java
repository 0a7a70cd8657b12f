package org.tocsin.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tocsin.area.AreaSets;

/** HTTP as RFC 9110 and RFC 9457 have it: methods, media types, charsets, caching, problems. */
class HttpConformanceTest {

  private static final String CYRILLIC = ".*[\\u0400-\\u04FF].*";
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper mapper = new ObjectMapper();
  private SeaImpactReplay replay;
  private WebServer server;

  @BeforeEach
  void start() {
    replay = new SeaImpactReplay();
    server =
        WebServer.start(
            replay.live,
            AreaSets.bundled("ua-hromadas"),
            ServerOptions.defaults(
                    0, key -> "k".equals(key) ? Optional.of("ir-1") : Optional.empty())
                .withBaseUrl("https://warn.example.org/tocsin/"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> send(
      String method, String path, String body, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
    return send("GET", path, null, headers);
  }

  private static String contentType(HttpResponse<?> response) {
    return response.headers().firstValue("Content-Type").orElse("");
  }

  @Test
  void aMethodThePathDoesNotTakeIs405WithAllow() throws Exception {
    HttpResponse<String> response = send("DELETE", "/api/v1/alerts", null, Map.of());

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow"))
        .hasValueSatisfying(allow -> assertThat(allow).contains("GET"));
    assertThat(contentType(response)).startsWith("application/problem+json");
    assertThat(mapper.readTree(response.body()).get("title").asText())
        .isEqualTo("Method Not Allowed");
    assertThat(send("PUT", "/api/v1/reports", "{}", Map.of()).headers().firstValue("Allow"))
        .hasValueSatisfying(allow -> assertThat(allow).contains("POST"));
  }

  @Test
  void aBodyOfAnotherMediaTypeIs415NamingWhatIsRead() throws Exception {
    HttpResponse<String> response =
        send(
            "POST",
            "/api/v1/reports",
            "{\"reports\":[]}",
            Map.of("Content-Type", "text/plain", "Authorization", "Bearer k"));

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(response.headers().firstValue("Accept")).hasValue("application/json");
    JsonNode problem = mapper.readTree(response.body());
    assertThat(problem.get("title").asText()).isEqualTo("Unsupported Media Type");
    assertThat(problem.get("detail").asText()).contains("Content-Type").contains("text/plain");
  }

  @Test
  void problemsOfTypeAboutBlankAreTitledWithTheStatusPhrase() throws Exception {
    JsonNode notFound = mapper.readTree(get("/api/v1/alerts/nope", Map.of()).body());
    assertThat(notFound.get("type").asText()).isEqualTo("about:blank");
    assertThat(notFound.get("title").asText()).isEqualTo("Not Found");
    JsonNode noPage = mapper.readTree(get("/no/such/page", Map.of()).body());
    assertThat(noPage.get("title").asText()).isEqualTo("Not Found");
    JsonNode unauthorized =
        mapper.readTree(
            send("POST", "/api/v1/reports", "{}", Map.of("Content-Type", "application/json"))
                .body());
    assertThat(unauthorized.get("title").asText()).isEqualTo("Unauthorized");
  }

  @Test
  void aBodyOverTheLimitIsAProblemDocument() throws Exception {
    // A raw request that declares 5 MiB and sends none of it: the server answers from the header,
    // and the test never races the server's close against a client still writing its body.
    String response;
    try (java.net.Socket socket = new java.net.Socket("localhost", server.port())) {
      socket.setSoTimeout(10_000);
      socket
          .getOutputStream()
          .write(
              ("POST /api/v1/reports HTTP/1.1\r\nHost: localhost\r\n"
                      + "Content-Type: application/json\r\nAuthorization: Bearer k\r\n"
                      + "Content-Length: "
                      + (5 << 20)
                      + "\r\nConnection: close\r\n\r\n{")
                  .getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
    String[] headAndBody = response.split("\r\n\r\n", 2);
    assertThat(headAndBody[0]).startsWith("HTTP/1.1 413");
    assertThat(headAndBody[0].toLowerCase(java.util.Locale.ROOT))
        .contains("content-type: application/problem+json");
    String body = headAndBody[1];
    // A chunked body: the JSON document is between the first '{' and the last '}'.
    String json = body.substring(body.indexOf('{'), body.lastIndexOf('}') + 1);
    assertThat(mapper.readTree(json).get("title").asText()).isEqualTo("Content Too Large");
  }

  @Test
  void ukrainianNamesSurviveInGeoJson() throws Exception {
    HttpResponse<String> response = get("/api/v1/areas/ua-hromadas", Map.of());

    assertThat(contentType(response)).isEqualTo("application/geo+json; charset=utf-8");
    JsonNode features = mapper.readTree(response.body()).get("features");
    assertThat(features).hasSize(1769);
    for (JsonNode feature : features) {
      assertThat(feature.get("properties").get("nameUk").asText())
          .as(feature.get("id").asText())
          .matches(CYRILLIC)
          .doesNotContain("?");
    }
  }

  @Test
  void ukrainianTextSurvivesInProblemDocuments() throws Exception {
    String threat = "загроза";
    HttpResponse<String> response =
        get("/api/v1/alerts/" + URLEncoder.encode(threat, StandardCharsets.UTF_8), Map.of());

    assertThat(contentType(response)).isEqualTo("application/problem+json; charset=utf-8");
    assertThat(mapper.readTree(response.body()).get("detail").asText()).contains(threat);
  }

  @Test
  void everyApiTextResponseDeclaresUtf8() throws Exception {
    for (String path :
        new String[] {
          "/health",
          "/api/v1/alerts",
          "/api/v1/threats",
          "/api/v1/upstream",
          "/api/v1/areas/ua-oblasts",
          "/api/v1/alerts/nope",
          "/feed.atom",
          "/openapi.json",
          "/metrics",
          "/",
          "/app.js",
          "/app.css",
          "/common.js",
          "/data/land-50m.topojson"
        }) {
      assertThat(contentType(get(path, Map.of()))).as(path).endsWith("charset=utf-8");
    }
  }

  @Test
  void aConditionalFeedRequestForTheCurrentCopyIs304() throws Exception {
    replay.feedUntil("ALERT");
    HttpResponse<String> first = get("/feed.atom", Map.of());
    String etag = first.headers().firstValue("ETag").orElseThrow();
    String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();
    assertThat(first.headers().firstValue("Cache-Control")).hasValue("no-cache");

    HttpResponse<String> byTag = get("/feed.atom", Map.of("If-None-Match", etag));
    assertThat(byTag.statusCode()).isEqualTo(304);
    assertThat(byTag.body()).isEmpty();
    assertThat(get("/feed.atom", Map.of("If-Modified-Since", lastModified)).statusCode())
        .isEqualTo(304);

    replay.feedRest();
    HttpResponse<String> changed = get("/feed.atom", Map.of("If-None-Match", etag));
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(changed.headers().firstValue("ETag")).isNotEqualTo(etag);
  }

  @Test
  void theFeedStaysTheSameCopyWhileTimePassesWithNothingNew() throws Exception {
    replay.feedUntil("ALERT");
    String etag = get("/feed.atom", Map.of()).headers().firstValue("ETag").orElseThrow();

    replay.clock.set(replay.clock.instant().plusSeconds(5));

    assertThat(get("/feed.atom", Map.of("If-None-Match", etag)).statusCode())
        .as("a poll 5 s later, nothing published meanwhile")
        .isEqualTo(304);
  }

  @Test
  void aConditionalRequestForACapMessageIs304() throws Exception {
    replay.feedUntil("ALERT");
    String identifier =
        mapper
            .readTree(get("/api/v1/alerts", Map.of()).body())
            .get("alerts")
            .get(0)
            .get("capIdentifier")
            .asText();
    String path = "/cap/" + URLEncoder.encode(identifier, StandardCharsets.UTF_8) + ".xml";
    HttpResponse<String> first = get(path, Map.of());
    assertThat(first.statusCode()).isEqualTo(200);
    String etag = first.headers().firstValue("ETag").orElseThrow();

    assertThat(get(path, Map.of("If-None-Match", etag)).statusCode()).isEqualTo(304);
    assertThat(get(path, Map.of("If-None-Match", "\"something-else\"")).statusCode())
        .isEqualTo(200);
  }

  @Test
  void theFeedLinksToThePublicUrl() throws Exception {
    replay.feedUntil("ALERT");
    String feed = get("/feed.atom", Map.of()).body();

    assertThat(feed)
        .contains("href=\"https://warn.example.org/tocsin/feed.atom\"")
        .contains("https://warn.example.org/tocsin/cap/")
        .doesNotContain("http://localhost");
  }
}
