package org.tocsin.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tocsin.area.AreaSets;
import org.tocsin.node.PublishedEvent;

/**
 * The event stream as clients other than browsers meet it: curl, scripts, EventSource libraries.
 */
class EventStreamTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Duration HEARTBEAT = Duration.ofMillis(200);
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
            ServerOptions.defaults(0, SensorAuthenticator.NONE),
            HEARTBEAT);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String url() {
    return "http://localhost:" + server.port() + "/api/v1/events";
  }

  @Test
  void aClientThatAcceptsAnythingIsStreamedEventsLikeCurl() throws Exception {
    replay.feedUntil("ALERT");
    try (SseReader stream = SseReader.open(url(), Map.of("Accept", "*/*"))) {
      assertThat(stream.response.statusCode()).isEqualTo(200);
      assertThat(stream.response.headers().firstValue("Content-Type"))
          .hasValue("text/event-stream; charset=utf-8");
      List<String> lines = stream.until(line -> line.startsWith("data:"), WAIT);
      assertThat(lines).anyMatch(line -> line.startsWith("id: "));
      assertThat(lines).contains("event: alert");
    }
  }

  @Test
  void aClientThatSendsNoAcceptIsStreamedEventsLiveToo() throws Exception {
    try (SseReader stream = SseReader.open(url(), Map.of())) {
      assertThat(stream.response.statusCode()).isEqualTo(200);
      stream.until(line -> line.startsWith("retry:"), WAIT);
      // Connected before the alert: this event can only come live.
      replay.feedUntil("ALERT");
      List<String> lines = stream.until(line -> line.startsWith("data:"), WAIT);
      JsonNode event = mapper.readTree(lines.get(lines.size() - 1).substring(5));
      assertThat(event.get("type").asText()).isEqualTo("alert");
    }
  }

  @Test
  void theStreamSaysWhenToReconnectAndSendsHeartbeats() throws Exception {
    try (SseReader stream = SseReader.open(url(), Map.of("Accept", "text/event-stream"))) {
      List<String> lines = stream.until(line -> line.startsWith(": heartbeat"), WAIT);
      assertThat(lines.get(0)).isEqualTo("retry: " + EventStream.RECONNECT.toMillis());
      stream.until(line -> line.startsWith(": heartbeat"), WAIT);
    }
  }

  @Test
  void aMalformedLastEventIdIsRefusedWithAProblem() throws Exception {
    // Bounded: a server that streams instead of refusing never ends the body.
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .sendAsync(
                HttpRequest.newBuilder(URI.create(url()))
                    .header("Accept", "text/event-stream")
                    .header("Last-Event-ID", "12abc")
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .get(10, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("application/problem+json; charset=utf-8");
    assertThat(mapper.readTree(response.body()).get("detail").asText())
        .contains("Last-Event-ID")
        .contains("12abc");
  }

  @Test
  void aClientThatRulesTheStreamOutGetsNotAcceptable() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url()))
                    .header("Accept", "application/json")
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(406);
  }

  @Test
  void aServerStopsPromptlyWithClientsStillConnected() throws Exception {
    SseReader stream = SseReader.open(url(), Map.of());
    stream.until(line -> line.startsWith("retry:"), WAIT);

    assertTimeoutPreemptively(Duration.ofSeconds(10), server::close);
    stream.close();
  }

  @Test
  void ukrainianNamesArriveIntactOnTheStream() throws Exception {
    replay.feedUntil("ALERT");
    try (SseReader stream = SseReader.open(url(), Map.of())) {
      List<String> lines = stream.until(line -> line.startsWith("data:"), WAIT);
      JsonNode event = mapper.readTree(lines.get(lines.size() - 1).substring(5));
      String nameUk = event.get("areas").get(0).get("nameUk").asText();
      assertThat(nameUk).matches(".*[\\u0400-\\u04FF].*").doesNotContain("?");
    }
  }

  @Test
  void idsKeepIncreasingWhenAServerWithoutAJournalRestarts() throws Exception {
    replay.feedUntil("ALERT");
    long lastBefore =
        replay.live.eventsAfter(0).get(replay.live.eventsAfter(0).size() - 1).sequence();
    server.close();

    // The same demo started again: a new pipeline, nothing kept.
    SeaImpactReplay again = new SeaImpactReplay();
    server =
        WebServer.start(
            again.live,
            AreaSets.bundled("ua-hromadas"),
            ServerOptions.defaults(0, SensorAuthenticator.NONE),
            HEARTBEAT);
    again.feedUntil("ALERT");
    try (SseReader stream =
        SseReader.open(url(), Map.of("Last-Event-ID", Long.toString(lastBefore)))) {
      // The client that saw the first run resumes, and still gets the new run's Alert.
      List<String> lines = stream.until(line -> line.startsWith("data:"), WAIT);
      JsonNode event = mapper.readTree(lines.get(lines.size() - 1).substring(5));
      assertThat(event.get("type").asText()).isEqualTo("alert");
      assertThat(event.get("sequence").asLong()).isGreaterThan(lastBefore);
    }
  }

  /** The ids of the events among {@code lines}, in order. */
  private List<Long> eventIds(List<String> lines) throws Exception {
    List<Long> ids = new java.util.ArrayList<>();
    for (String line : lines) {
      if (line.startsWith("data:")) {
        ids.add(mapper.readTree(line.substring(5)).get("sequence").asLong());
      }
    }
    return ids;
  }

  @Test
  void aNewClientIsSentTheLatestEventOfEachAlertInForceRatherThanTheHistory() throws Exception {
    replay.feedUntil("UPDATE");
    List<PublishedEvent> history = replay.live.eventsAfter(0);
    assertThat(history).hasSizeGreaterThan(1);
    try (SseReader stream = SseReader.open(url(), Map.of())) {
      // The heartbeat follows whatever was sent on connecting.
      List<String> lines = stream.until(line -> line.startsWith(": heartbeat"), WAIT);
      assertThat(eventIds(lines)).containsExactly(history.get(history.size() - 1).sequence());
    }
  }

  @Test
  void aNewClientIsSentNoEventOnceNothingIsInForce() throws Exception {
    replay.feedUntil("ALERT");
    replay.feedRest();
    assertThat(replay.live.inForce()).isEmpty();
    try (SseReader stream = SseReader.open(url(), Map.of())) {
      List<String> lines = stream.until(line -> line.startsWith(": heartbeat"), WAIT);
      assertThat(eventIds(lines)).isEmpty();
    }
  }

  @Test
  void aClientWithALastEventIdIsSentExactlyTheEventsAfterIt() throws Exception {
    replay.feedUntil("ALERT");
    replay.feedRest();
    List<PublishedEvent> history = replay.live.eventsAfter(0);
    long first = history.get(0).sequence();
    try (SseReader stream = SseReader.open(url(), Map.of("Last-Event-ID", Long.toString(first)))) {
      List<String> lines = stream.until(line -> line.startsWith(": heartbeat"), WAIT);
      assertThat(eventIds(lines))
          .containsExactlyElementsOf(
              history.subList(1, history.size()).stream().map(PublishedEvent::sequence).toList());
    }
  }
}
