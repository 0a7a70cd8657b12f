package org.tocsin.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tocsin.ingest.ReportJson;
import org.tocsin.sim.Scenario;
import org.tocsin.sim.ScenarioLoader;
import org.tocsin.sim.ScenarioTruth;
import org.tocsin.sim.SyntheticSensors;
import org.tocsin.track.Observation;

/**
 * A server killed with SIGKILL loses nothing it acknowledged: restarted on the same database, it
 * has every acknowledged report in its journal, the same threats and the same warnings in force.
 * Run on the packaged jar, in child processes, on the embedded database and on the real PostgreSQL
 * server.
 */
class CrashRecoveryIT {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/";

  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();
  private String createdDatabase;

  @org.junit.jupiter.api.AfterEach
  void dropTheDatabase() throws Exception {
    if (createdDatabase != null) {
      try (Connection connection =
              DriverManager.getConnection(POSTGRES + "postgres?user=postgres");
          Statement statement = connection.createStatement()) {
        statement.execute("DROP DATABASE IF EXISTS " + createdDatabase + " WITH (FORCE)");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"embedded", "postgresql"})
  void aKilledServerComesBackWithEverythingItAcknowledged(String database) throws Exception {
    String url = database.equals("embedded") ? null : freshPostgresDatabase();
    Map<String, String> keys = new java.util.HashMap<>();
    for (String sensor : new String[] {"ir-1", "radar-mykolaiv"}) {
      keys.put(sensor, sensorKey(run(withDb(url, "sensor", "add", sensor))));
    }
    int port = freePort();
    Process server = serve(url, port);
    int acknowledged = 0;
    JsonNode before;
    JsonNode threatsBefore;
    try {
      for (List<Observation> batch : batchesFromNow()) {
        String key = keys.get(batch.get(0).sensorId());
        HttpResponse<String> response = post(port, key, ReportJson.write(batch));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        acknowledged += batch.size();
        if (MAPPER.readTree(response.body()).get("events").size() > 0) {
          break;
        }
      }
      before = warningsInForce(get(port, "/api/v1/alerts"));
      threatsBefore = get(port, "/api/v1/threats").get("threats");
      assertThat(before.size()).isPositive();
    } finally {
      server.destroyForcibly();
      assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(server.exitValue()).isNotZero();

    Process restarted = serve(url, port);
    try {
      assertThat(warningsInForce(get(port, "/api/v1/alerts"))).isEqualTo(before);
      JsonNode threatsAfter = get(port, "/api/v1/threats").get("threats");
      assertThat(ids(threatsAfter)).isEqualTo(ids(threatsBefore));
    } finally {
      restarted.destroy();
      restarted.waitFor(30, TimeUnit.SECONDS);
    }
    String audit = run(withDb(url, "audit", "verify"));
    Matcher records = Pattern.compile("intact: (\\d+) records").matcher(audit);
    assertThat(records.find()).as(audit).isTrue();
    assertThat(Long.parseLong(records.group(1))).isGreaterThanOrEqualTo(acknowledged);
  }

  /** The sea-impact scenario's reports, moved to now, one batch per sensor and instant. */
  private static List<List<Observation>> batchesFromNow() {
    Scenario scenario = ScenarioLoader.parse(SeaImpactReplay.YAML, "sea-impact.yaml");
    Duration offset = Duration.between(scenario.start(), Instant.now());
    TreeMap<String, List<Observation>> batches = new TreeMap<>();
    for (Observation report : SyntheticSensors.observe(scenario, ScenarioTruth.of(scenario))) {
      Observation moved = report.shiftedBy(offset);
      batches
          .computeIfAbsent(moved.time() + " " + moved.sensorId(), k -> new ArrayList<>())
          .add(moved);
    }
    return new ArrayList<>(batches.values());
  }

  /** Threat id → area id → level and earliest arrival (the countdown's end), in force. */
  private static JsonNode warningsInForce(JsonNode alerts) {
    var root = MAPPER.createObjectNode();
    for (JsonNode alert : alerts.get("alerts")) {
      var areas = root.putObject(alert.get("threat").asText());
      for (JsonNode area : alert.get("areas")) {
        areas.put(
            area.get("id").asText(),
            area.get("level").asText() + " until " + area.get("earliestArrival").asText());
      }
    }
    return root;
  }

  private static TreeSet<String> ids(JsonNode threats) {
    TreeSet<String> ids = new TreeSet<>();
    threats.forEach(threat -> ids.add(threat.get("id").asText()));
    return ids;
  }

  private Process serve(String url, int port) throws Exception {
    // The test posts minutes of reports at once, dated from now on: the server takes them early.
    List<String> command =
        java(
            "serve",
            "--port",
            Integer.toString(port),
            "--status",
            "exercise",
            "--report-max-lead",
            "900");
    if (url != null) {
      command.addAll(List.of("--db", url));
    }
    Process process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("server-" + System.nanoTime() + ".log").toFile())
            .start();
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline)) {
      try {
        if (get(port, "/health").get("status").asText().equals("UP")) {
          return process;
        }
      } catch (IOException e) {
        Thread.sleep(200);
      }
    }
    process.destroyForcibly();
    throw new AssertionError("the server did not come up on port " + port);
  }

  private String run(List<String> args) throws Exception {
    Process process = new ProcessBuilder(args).directory(dir.toFile()).start();
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(out + err).isZero();
    return out;
  }

  private List<String> withDb(String url, String... args) {
    List<String> command = java(args);
    if (url != null) {
      command.addAll(List.of("--db", url));
    }
    return command;
  }

  private static List<String> java(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(
        Path.of(System.getProperty("tocsin.jar", "target/tocsin.jar")).toAbsolutePath().toString());
    command.addAll(List.of(args));
    return command;
  }

  private static String sensorKey(String output) {
    Matcher key = Pattern.compile("([A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)\\s*$").matcher(output.strip());
    assertThat(key.find()).as(output).isTrue();
    return key.group(1);
  }

  private JsonNode get(int port, String path) throws Exception {
    return MAPPER.readTree(
        http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString())
            .body());
  }

  private HttpResponse<String> post(int port, String key, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/reports"))
            .header("Authorization", "Bearer " + key)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private String freshPostgresDatabase() throws Exception {
    String name = "tocsin_crash_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection connection = DriverManager.getConnection(POSTGRES + "postgres?user=postgres");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    }
    createdDatabase = name;
    return POSTGRES + name + "?user=postgres";
  }
}
