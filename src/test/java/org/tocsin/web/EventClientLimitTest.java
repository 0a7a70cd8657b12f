package org.tocsin.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tocsin.area.AreaSets;

/** The limit of event-stream clients is the server's option ({@code --max-event-clients}). */
class EventClientLimitTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Duration HEARTBEAT = Duration.ofMillis(200);
  private static final Map<String, String> ACCEPT = Map.of("Accept", "text/event-stream");

  private final SeaImpactReplay replay = new SeaImpactReplay();
  private final HttpClient http = HttpClient.newHttpClient();
  private final WebServer server =
      WebServer.start(
          replay.live,
          AreaSets.bundled("ua-hromadas"),
          ServerOptions.defaults(0, SensorAuthenticator.NONE).withMaxEventClients(2),
          HEARTBEAT);

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aClientBeyondTheConfiguredLimitIsToldToComeBackLaterUntilAPlaceIsFree() throws Exception {
    SocketSseClient first = SocketSseClient.connect(server.port(), ACCEPT);
    first.until(line -> line.startsWith("retry:"), WAIT);
    try (SocketSseClient second = SocketSseClient.connect(server.port(), ACCEPT)) {
      second.until(line -> line.startsWith("retry:"), WAIT);

      HttpResponse<String> refused = open();

      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.headers().firstValue("Retry-After"))
          .hasValue(Long.toString(EventStream.RECONNECT.toSeconds()));
      assertThat(new ObjectMapper().readTree(refused.body()).get("detail").asText())
          .contains("at most 2 clients");

      first.reset();
      // The server frees the place once it notices the client gone, at its next write at latest.
      long deadline = System.nanoTime() + WAIT.toNanos();
      int status = 503;
      while (status == 503 && System.nanoTime() < deadline) {
        try (SocketSseClient next = SocketSseClient.connect(server.port(), ACCEPT)) {
          status = Integer.parseInt(next.until(line -> true, WAIT).get(0).split(" ")[1]);
        }
      }
      assertThat(status).isEqualTo(200);
    }
  }

  @Test
  void aLimitOutsideItsBoundsIsRefusedNamingTheOption() {
    ServerOptions options = ServerOptions.defaults(0, SensorAuthenticator.NONE);

    assertThatThrownBy(() -> options.withMaxEventClients(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "event-stream clients (--max-event-clients) must be within [1, 1000000], was 0");
    assertThatThrownBy(() -> options.withMaxEventClients(1_000_001))
        .hasMessageEndingWith("was 1000001");
    assertThat(options.maxEventClients()).isEqualTo(ServerOptions.DEFAULT_MAX_EVENT_CLIENTS);
  }

  /** Opens the stream; bounded, since a server that streams instead of refusing never ends it. */
  private HttpResponse<String> open() throws Exception {
    return http.sendAsync(
            HttpRequest.newBuilder(
                    URI.create("http://localhost:" + server.port() + "/api/v1/events"))
                .header("Accept", "text/event-stream")
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .get(10, TimeUnit.SECONDS);
  }
}
