package org.tocsin.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tocsin.area.AreaSets;

/**
 * The event stream under many clients: clients that come and go never fail ingest nor lose anyone
 * an event, and clients cost the server neither a thread nor a serialisation each.
 */
class EventStreamLoadTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Duration HEARTBEAT = Duration.ofMillis(200);
  private static final Map<String, String> ACCEPT = Map.of("Accept", "text/event-stream");

  private final ObjectMapper mapper = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final SeaImpactReplay replay = new SeaImpactReplay();
  private final HashedSensorKeys keys = new HashedSensorKeys();
  private final String key = keys.add("ir-1");
  private final WebServer server =
      WebServer.start(
          replay.live, AreaSets.bundled("ua-hromadas"), ServerOptions.defaults(0, keys), HEARTBEAT);

  @AfterEach
  void stop() {
    server.close();
  }

  private String url() {
    return "http://localhost:" + server.port() + "/api/v1/events";
  }

  @Test
  void clientsThatConnectAndResetNeverFailIngestNorCostAnEvent() throws Exception {
    int batches = 6;
    // Each on its own thread, with a blocking socket: 200 clients at once, as phones on a train.
    int churnClients = 200;
    try (SseReader steady = SseReader.open(url(), ACCEPT)) {
      steady.until(line -> line.startsWith("retry:"), WAIT);
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger resets = new AtomicInteger();
      ExecutorService churners = Executors.newFixedThreadPool(churnClients);
      for (int i = 0; i < churnClients; i++) {
        churners.execute(() -> churn(stop, resets));
      }
      List<Integer> statuses = new ArrayList<>();
      List<String> eventIds = new ArrayList<>();
      for (int batch = 0; batch < batches; batch++) {
        // The server's clock at the reports' time: they are dated within its window.
        replay.clock.set(Instant.parse("2025-03-02T03:00:20Z").plusSeconds(60L * batch));
        HttpResponse<String> response = postReports(threeLaunches(batch));
        statuses.add(response.statusCode());
        if (response.statusCode() == 202) {
          mapper.readTree(response.body()).get("events").forEach(id -> eventIds.add(id.asText()));
        }
        Thread.sleep(250);
      }
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (resets.get() < 5 * churnClients && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      stop.set(true);
      churners.shutdown();
      assertThat(churners.awaitTermination(20, TimeUnit.SECONDS)).isTrue();

      assertThat(resets.get()).isGreaterThanOrEqualTo(5 * churnClients);
      assertThat(statuses).containsOnly(202);
      // Three launches a batch, each a threat of its own: one Alert each.
      assertThat(eventIds).hasSize(3 * batches);
      Set<String> streamed = new HashSet<>();
      while (!streamed.containsAll(eventIds)) {
        List<String> lines = steady.until(line -> line.startsWith("data:"), WAIT);
        streamed.add(mapper.readTree(lines.get(lines.size() - 1).substring(5)).get("id").asText());
      }
      assertThat(replay.live.eventsAfter(0)).hasSize(3 * batches);
    }
    // Every client that left freed its place: a new one is still streamed to.
    try (SseReader after = SseReader.open(url(), ACCEPT)) {
      assertThat(after.response.statusCode()).isEqualTo(200);
    }
  }

  /** Connects, resets, and again until told to stop. */
  private void churn(AtomicBoolean stop, AtomicInteger resets) {
    for (int round = 0; !stop.get(); round++) {
      try {
        SocketSseClient client = SocketSseClient.connect(server.port(), ACCEPT);
        // Every other time it resets before the server has answered.
        if (round % 2 == 0) {
          client.until(line -> line.startsWith("retry:"), Duration.ofSeconds(5));
        }
        client.reset();
        resets.incrementAndGet();
      } catch (IOException | AssertionError e) {
        // Refused or dropped by a server under load: this client tries again, as browsers do.
      }
    }
  }

  @Test
  void fiveHundredClientsTakeNoThreadEachAndLeaveNoneBehind() throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    int baseline = threads.getThreadCount();
    List<SocketSseClient> clients = new ArrayList<>();
    try {
      for (int i = 0; i < 500; i++) {
        SocketSseClient client = SocketSseClient.connect(server.port(), ACCEPT);
        client.until(line -> line.startsWith("retry:"), WAIT);
        clients.add(client);
      }
      // Every client served a heartbeat since: whatever serves them has been started.
      for (SocketSseClient client : clients) {
        client.until(line -> line.startsWith(": heartbeat"), WAIT);
      }
      int connected = threads.getThreadCount();
      assertThat(connected - baseline).as("threads for 500 clients").isLessThan(50);
    } finally {
      for (SocketSseClient client : clients) {
        client.reset();
      }
    }
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (threads.getThreadCount() - baseline >= 20 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(threads.getThreadCount() - baseline).as("threads after they left").isLessThan(20);
  }

  @Test
  void everyClientGetsTheSameBytesForAnEventHoweverLateItAsks() throws Exception {
    try (SseReader early = SseReader.open(url(), ACCEPT)) {
      early.until(line -> line.startsWith("retry:"), WAIT);
      replay.feedUntil("ALERT");
      List<String> live = early.until(line -> line.startsWith("data:"), WAIT);
      String sent = live.get(live.size() - 1);
      long id = mapper.readTree(sent.substring(5)).get("sequence").asLong();

      replay.clock.set(replay.clock.instant().plusSeconds(30));
      try (SseReader late = SseReader.open(url(), Map.of("Last-Event-ID", Long.toString(id - 1)))) {
        List<String> replayed = late.until(line -> line.startsWith("data:"), WAIT);
        // Serialised once, when published: the same data, serverTime included, for everyone.
        assertThat(replayed.get(replayed.size() - 1)).isEqualTo(sent);
      }
    }
  }

  private HttpResponse<String> postReports(String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/api/v1/reports"))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + key)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A batch of three launches from three sites, a minute after the previous batch's. */
  private static String threeLaunches(int batch) {
    Instant launch = Instant.parse("2025-03-02T03:00:00Z").plusSeconds(60L * batch);
    return "{\"reports\":["
        + launch(launch, 45.71, 34.39, 300)
        + ","
        + launch(launch, 52.10, 27.60, 170)
        + ","
        + launch(launch, 50.60, 36.60, 250)
        + "]}";
  }

  private static String launch(Instant launch, double latDeg, double lonDeg, double headingDeg) {
    return "{\"type\":\"launch-detection\",\"sensorId\":\"ir-1\",\"time\":\""
        + launch.plusSeconds(20)
        + "\",\"launch\":{\"lat\":"
        + latDeg
        + ",\"lon\":"
        + lonDeg
        + ",\"time\":\""
        + launch
        + "\"},\"headingDeg\":"
        + headingDeg
        + ",\"positionSigmaM\":3000,\"headingSigmaDeg\":5,\"class\":\"srbm\"}";
  }
}
