package org.tocsin.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tocsin.area.AreaSets;

/**
 * A server told to take more event-stream clients than the 5,000 it once took at most streams to
 * them all, and refuses the one beyond its limit. The scale, not the speed: BENCHMARKS.md times a
 * broadcast to 20,000.
 */
class EventStreamManyClientsIT {

  private static final int CLIENTS = 5_001;
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Map<String, String> ACCEPT = Map.of("Accept", "text/event-stream");

  @Test
  void fiveThousandAndOneClientsAreStreamedAnAlertAndTheNextIsRefused() throws Exception {
    SeaImpactReplay replay = new SeaImpactReplay();
    ServerOptions options =
        ServerOptions.defaults(0, SensorAuthenticator.NONE)
            .withMaxEventClients(CLIENTS)
            // Every client of the test shares 127.0.0.1.
            .withMaxConnectionsPerClient(2 * CLIENTS);
    List<SocketSseClient> clients = new ArrayList<>();
    try (WebServer server =
        WebServer.start(replay.live, AreaSets.bundled("ua-hromadas"), options)) {
      for (int i = 0; i < CLIENTS; i++) {
        SocketSseClient client = SocketSseClient.connect(server.port(), ACCEPT);
        clients.add(client);
        client.until(line -> line.startsWith("retry:"), WAIT);
      }
      try (SocketSseClient beyond = SocketSseClient.connect(server.port(), ACCEPT)) {
        assertThat(beyond.until(line -> true, WAIT).get(0)).startsWith("HTTP/1.1 503");
      }

      replay.feedUntil("ALERT");

      int alerted = 0;
      for (SocketSseClient client : clients) {
        List<String> lines = client.until(line -> line.startsWith("data:"), WAIT);
        if (lines.contains("event: alert")) {
          alerted++;
        }
      }
      assertThat(alerted).isEqualTo(CLIENTS);
    } finally {
      for (SocketSseClient client : clients) {
        close(client);
      }
    }
  }

  private static void close(SocketSseClient client) {
    try {
      client.close();
    } catch (IOException e) {
      // Leaving anyway.
    }
  }
}
