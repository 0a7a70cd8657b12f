package org.tocsin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The demo replays Dnipro in a loop, as the same range launches again and again in a war: every
 * loop's missile must be its own threat, from its first report to its all-clear, with its refined
 * warning under its own id, however many loops came before.
 */
class DemoLoopTest {

  /** Dnipro's hromada, where the missile comes down in every loop. */
  private static final String DNIPRO = "UA1202001";

  private static final int LOOPS = 3;

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper mapper = new ObjectMapper();

  private JsonNode get(String base, String path) throws Exception {
    return mapper.readTree(
        http.send(
                HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofString())
            .body());
  }

  @Test
  void everyLoopsMissileIsItsOwnThreatFromFirstReportToAllClear() throws Exception {
    // 100 times real time: a loop of about 23 simulated minutes takes under 14 seconds.
    try (Demo demo = Demo.start(0, 100, Clock.systemUTC())) {
      String base = "http://localhost:" + demo.port();
      Map<String, Set<String>> warnedAreas = new HashMap<>();
      Set<String> sheltering = new HashSet<>();
      JsonNode threats = null;
      Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
      while (Instant.now().isBefore(deadline)) {
        for (JsonNode alert : get(base, "/api/v1/alerts").get("alerts")) {
          String threat = alert.get("threat").asText();
          for (JsonNode area : alert.get("areas")) {
            warnedAreas.computeIfAbsent(threat, id -> new HashSet<>()).add(area.get("id").asText());
            if (area.get("id").asText().equals(DNIPRO)
                && area.get("level").asText().equals("shelter")) {
              sheltering.add(threat);
            }
          }
        }
        threats = get(base, "/api/v1/threats").get("threats");
        if (endedLaunchThreats(threats) >= LOOPS) {
          break;
        }
        Thread.sleep(50);
      }
      assertThat(threats).isNotNull();
      assertThat(endedLaunchThreats(threats)).as(threats.toString()).isGreaterThanOrEqualTo(LOOPS);

      List<JsonNode> launched = launchThreats(threats);
      // The replay runs at the present time, not on the scenario's dates of 2024.
      assertThat(Instant.parse(launched.get(0).get("launch").get("time").asText()))
          .isBetween(
              Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(1)));
      for (int i = 0; i < LOOPS; i++) {
        JsonNode threat = launched.get(i);
        String id = threat.get("id").asText();
        Instant launch = Instant.parse(threat.get("launch").get("time").asText());
        assertThat(threat.get("phase").asText()).as(id).isEqualTo("ended");
        // Its tracks followed its own missile only: the 15-minute flight, not a later loop's.
        for (JsonNode track : threat.get("tracks")) {
          assertThat(Instant.parse(track.get("time").asText()))
              .as("%s's track %s", id, track.get("id").asText())
              .isBefore(launch.plus(Duration.ofMinutes(16)));
        }
        // The refined warning (shelter over Dnipro) went out under this loop's own threat.
        assertThat(sheltering).as("threats sheltering Dnipro; threats %s", threats).contains(id);
        if (i > 0) {
          Instant previous = Instant.parse(launched.get(i - 1).get("launch").get("time").asText());
          assertThat(Duration.between(previous, launch)).isGreaterThan(Duration.ofMinutes(15));
        }
      }
      // No threat was opened for radar alone: every loop's tracks joined its launch report.
      for (JsonNode threat : threats) {
        assertThat(threat.has("launch")).as(threat.toString()).isTrue();
      }
    }
  }

  private static List<JsonNode> launchThreats(JsonNode threats) {
    List<JsonNode> launched = new java.util.ArrayList<>();
    threats.forEach(
        threat -> {
          if (threat.has("launch")) {
            launched.add(threat);
          }
        });
    launched.sort(
        java.util.Comparator.comparing(threat -> threat.get("launch").get("time").asText()));
    return launched;
  }

  private static long endedLaunchThreats(JsonNode threats) {
    return launchThreats(threats).stream()
        .filter(threat -> threat.get("phase").asText().equals("ended"))
        .count();
  }
}
