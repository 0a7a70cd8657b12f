package org.tocsin.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tocsin.alert.AlertStatus;
import org.tocsin.node.LiveWarnings;
import org.tocsin.node.PublishedEvent;
import org.tocsin.store.TestDatabase;

/**
 * Event ids on a server with a journal (the embedded database, as {@code tocsin serve} runs by
 * default): they are the journal's, a restart gives every replayed event the id it had, and a
 * client that resumes after the restart gets exactly what it missed.
 */
class EventIdsRestartTest {

  private final ObjectMapper mapper = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void aClientResumingAfterARestartGetsExactlyWhatItMissed() throws Exception {
    try (ConsoleServer server =
        new ConsoleServer(TestDatabase.Backend.H2, dir, AlertStatus.EXERCISE)) {
      server.approve(
          server.draft(ConsoleApiTest.draftBody("Exercise", "exercise-shelter", "UA8000000")),
          "Exercise");
      server.approve(
          server.draft(ConsoleApiTest.draftBody("Exercise", "exercise-shelter", "UA4606025")),
          "Exercise");
      List<Long> before = ids(server.live());
      assertThat(before).hasSize(2);
      assertThat(before.get(1)).isGreaterThan(before.get(0));

      server.restart();

      assertThat(ids(server.live())).isEqualTo(before);
      long lastSeen = before.get(1);
      String url = server.base() + "/api/v1/events";
      try (SseReader stream =
          SseReader.open(url, Map.of("Last-Event-ID", Long.toString(lastSeen)))) {
        stream.until(line -> line.startsWith("retry:"), Duration.ofSeconds(10));
        String threat = ConsoleServer.threatOf(server.alertsInForce(), "Exercise");
        ConsoleClient.Response cancel =
            server
                .client("olena")
                .post("/api/v1/alerts/" + threat + "/cancel", ConsoleApiTest.confirm("Exercise"));
        assertThat(cancel.status()).as(cancel.body()).isEqualTo(200);

        List<String> lines = stream.until(line -> line.startsWith("data:"), Duration.ofSeconds(20));
        JsonNode event = mapper.readTree(lines.get(lines.size() - 1).substring(5));
        // The first event the client gets is the one after the restart, not a replayed one.
        assertThat(event.get("type").asText()).isEqualTo("cancel");
        assertThat(event.get("sequence").asLong()).isGreaterThan(lastSeen);
        assertThat(lines).contains("id: " + event.get("sequence").asLong());
      }
    }
  }

  private static List<Long> ids(LiveWarnings live) {
    return live.eventsAfter(0).stream().map(PublishedEvent::sequence).toList();
  }
}
