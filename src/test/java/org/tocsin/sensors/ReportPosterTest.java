package org.tocsin.sensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tocsin.sim.Scenario;
import org.tocsin.sim.ScenarioLoader;
import org.tocsin.sim.ScenarioReports;

class ReportPosterTest {

  /** Short waits: what is tested is what is retried, not how long it waits. */
  private static final RetryPolicy QUICK =
      new RetryPolicy(4, Duration.ofMillis(10), Duration.ofMillis(40));

  private static List<SensorBatch> batches;

  /** The launch report: one report of sensor ir-1. */
  private static SensorBatch launch;

  private final List<String> notices = new ArrayList<>();

  @BeforeAll
  static void kharkivBatches() throws Exception {
    Scenario scenario = ScenarioLoader.load(Path.of("scenarios", "kharkiv-srbm.yaml"));
    batches = SensorBatch.of(ScenarioReports.at(scenario, scenario.start()));
    launch = batches.stream().filter(b -> b.sensorId().equals("ir-1")).findFirst().orElseThrow();
  }

  private ReportPoster poster(String... urls) {
    List<URI> servers = new ArrayList<>();
    for (String url : urls) {
      servers.add(ReportPoster.serverUrl(url));
    }
    return new ReportPoster(
        servers, Map.of("ir-1", "key-ir", "radar-kharkiv", "key-radar"), QUICK, notices::add);
  }

  @Test
  void aBatchAnsweredServiceUnavailableIsPostedAgainUntilAccepted() throws Exception {
    ScriptedServer.Answer busy =
        new ScriptedServer.Answer(503, "{\"detail\": \"the journal cannot be read\"}", "0");
    try (ScriptedServer server = new ScriptedServer(List.of(busy, busy))) {
      SensorBatch batch = launch;

      int retries = poster(server.url()).post(batch);

      assertThat(retries).isEqualTo(2);
      assertThat(server.received())
          .hasSize(3)
          .allSatisfy(
              received -> {
                assertThat(received.authorization()).isEqualTo("Bearer key-ir");
                assertThat(received.body()).isEqualTo(batch.json());
              });
      assertThat(notices).hasSize(2).allMatch(n -> n.contains("503: the journal cannot be read"));
    }
  }

  @Test
  void aServerThatRefusesConnectionsIsLeftForTheNextAndTheNextStaysInUse() throws Exception {
    String refusing = "http://127.0.0.1:" + freePort() + "/";
    try (ScriptedServer server = new ScriptedServer(List.of())) {
      ReportPoster poster = poster(refusing, server.url());

      assertThat(poster.post(batches.get(0))).isEqualTo(1);
      assertThat(poster.post(batches.get(1))).isZero();

      assertThat(server.received()).hasSize(2);
      assertThat(notices)
          .singleElement()
          .asString()
          .contains(refusing + " could not be reached: connection refused");
    }
  }

  @Test
  void aWrongKeyStopsTheReplayAtOnceNamingTheServersProblem() throws Exception {
    ScriptedServer.Answer unauthorized =
        new ScriptedServer.Answer(
            401, "{\"detail\": \"a sensor API key is required: Authorization: Bearer KEY\"}", null);
    try (ScriptedServer server = new ScriptedServer(List.of(unauthorized))) {
      assertThatThrownBy(() -> poster(server.url()).post(launch))
          .isInstanceOf(ReplayStoppedException.class)
          .hasMessageContaining("the server refused ir-1's 1 report at")
          .hasMessageContaining("answered 401: a sensor API key is required");
      assertThat(server.received()).hasSize(1);
    }
  }

  @Test
  void aServerThatNeverAcceptsIsGivenUpAfterThePolicysAttempts() throws Exception {
    ScriptedServer.Answer tooMany = new ScriptedServer.Answer(429, "", "0");
    try (ScriptedServer server =
        new ScriptedServer(List.of(tooMany, tooMany, tooMany, tooMany, tooMany))) {
      assertThatThrownBy(() -> poster(server.url()).post(launch))
          .isInstanceOf(ReplayStoppedException.class)
          .hasMessageContaining("in 4 attempts")
          .hasMessageContaining("answered 429: (no body)");
      assertThat(server.received()).hasSize(4);
    }
  }

  @Test
  void serverUrlsAreHttpOrHttpsWithAHostAndEndInASlash() {
    assertThat(ReportPoster.serverUrl("http://127.0.0.1:8080"))
        .isEqualTo(URI.create("http://127.0.0.1:8080/"));
    assertThat(ReportPoster.serverUrl("https://warn.example/tocsin").resolve("api/v1/reports"))
        .isEqualTo(URI.create("https://warn.example/tocsin/api/v1/reports"));
    for (String bad : List.of("ftp://host/", "127.0.0.1:8080", "http:///path", "http://h/?q=1")) {
      assertThatThrownBy(() -> ReportPoster.serverUrl(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("was '" + bad + "'");
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
