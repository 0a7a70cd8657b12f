package org.tocsin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tocsin.sirens.MqttProbe;
import org.tocsin.store.Database;

/**
 * {@code tocsin serve --replay}: a public scenario run through a real server (its journal, its
 * event stream, its sirens on the machine's Mosquitto) as an exercise.
 */
class ServeReplayTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @TempDir Path tempDir;

  private final InProcessCli cli = new InProcessCli();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aReplayedScenarioShowsExerciseAlertsOnTheApiTheEventStreamAndTheSirens() throws Exception {
    String root = "tocsin-replay-" + UUID.randomUUID().toString().substring(0, 8);
    try (MqttProbe sirens = MqttProbe.subscribe("tcp://127.0.0.1:1883", root + "/ua-hromadas/+");
        RunningCommand serve =
            RunningCommand.start(
                cli,
                "serve",
                "--port",
                "0",
                "--db",
                Database.embeddedUrl(tempDir),
                "--replay",
                "scenarios/kharkiv-srbm.yaml",
                "--speed",
                "20",
                "--mqtt",
                "tcp://127.0.0.1:1883",
                "--mqtt-topic-root",
                root)) {
      Matcher listening =
          Pattern.compile("Listening on (http://127\\.0\\.0\\.1:\\d+/)")
              .matcher(serve.awaitOut("Replaying"));
      assertThat(listening.find()).as(cli.out()).isTrue();
      String base = listening.group(1);
      assertThat(cli.out())
          .contains("(Exercise)")
          .contains("Replaying scenarios/kharkiv-srbm.yaml at 20.0x");
      // The first alert comes seconds after the start (the launch is 2 minutes into the scenario).
      CompletableFuture<String> firstAlertFrame =
          http.sendAsync(
                  HttpRequest.newBuilder(URI.create(base + "api/v1/events")).build(),
                  HttpResponse.BodyHandlers.ofLines())
              .thenApplyAsync(
                  response ->
                      response
                          .body()
                          .filter(
                              line ->
                                  line.startsWith("data:") && line.contains("\"type\":\"alert\""))
                          .findFirst()
                          .orElseThrow());

      JsonNode alerts = awaitAlerts(base);
      assertThat(alerts.get("status").asText()).isEqualTo("Exercise");
      assertThat(alerts.get("alerts"))
          .isNotEmpty()
          .allSatisfy(alert -> assertThat(alert.get("status").asText()).isEqualTo("Exercise"));

      String frame = firstAlertFrame.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
      assertThat(MAPPER.readTree(frame.substring(5)).get("status").asText()).isEqualTo("Exercise");

      Map<String, JsonNode> states =
          sirens.awaitLatest(
              latest ->
                  latest.values().stream().anyMatch(s -> s.get("level").asText().equals("shelter")),
              PATIENCE);
      assertThat(states.values())
          .allSatisfy(state -> assertThat(state.get("status").asText()).isEqualTo("Exercise"));
      sirens.clearRetained();
    }
  }

  private JsonNode awaitAlerts(String base) throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (true) {
      JsonNode alerts =
          MAPPER.readTree(
              http.send(
                      HttpRequest.newBuilder(URI.create(base + "api/v1/alerts")).build(),
                      HttpResponse.BodyHandlers.ofString())
                  .body());
      if (!alerts.get("alerts").isEmpty()) {
        return alerts;
      }
      assertThat(System.nanoTime()).as("an alert in time: " + alerts).isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  @Test
  void anInvalidScenarioIsRefusedNamingEveryProblemBeforeAnythingStarts() throws Exception {
    Path bad = tempDir.resolve("bad.yaml");
    Files.writeString(
        bad,
        String.join(
            "\n",
            "name: bad",
            "seed: 1",
            "areas: ua-hromadas",
            "threats:",
            "  - id: S1",
            "    class: srbm",
            "    launch: { lat: 91.0, lon: 36.59, time: 2025-01-10T06:00:00Z }",
            "    impact: { lat: 49.99, lon: 36.23 }",
            "sensors: []",
            ""));

    int status = cli.run("serve", "--port", "0", "--replay", bad.toString());

    assertThat(status).isEqualTo(2);
    assertThat(cli.err())
        .startsWith("error: --replay: " + bad + " is not a valid scenario:")
        .contains("threats[0].launch.lat");
    assertThat(cli.out()).isEmpty();
  }

  @Test
  void aReplayRefusesAnActualStatusAndAMissingFile() {
    List<String> errors =
        List.of(
            run(
                "serve",
                "--port",
                "0",
                "--replay",
                "scenarios/kharkiv-srbm.yaml",
                "--status",
                "actual"),
            run("serve", "--port", "0", "--replay", tempDir.resolve("none.yaml").toString()),
            run("serve", "--port", "0", "--speed", "5"),
            run("serve", "--port", "0", "--replay", "scenarios/kharkiv-srbm.yaml", "--speed", "0"));

    assertThat(errors.get(0)).startsWith("error: --status: a server that replays a scenario");
    assertThat(errors.get(1)).startsWith("error: --replay: cannot read");
    assertThat(errors.get(2)).startsWith("error: --speed: only with --replay");
    assertThat(errors.get(3)).startsWith("error: --speed: must be within (0, 1000], was 0.0");
  }

  private String run(String... args) {
    InProcessCli one = new InProcessCli();
    assertThat(one.run(args)).isEqualTo(2);
    assertThat(one.out()).isEmpty();
    return one.err();
  }
}
