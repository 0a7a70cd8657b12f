package org.tocsin.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.tocsin.alert.AlertLevel;
import org.tocsin.alert.AlertStatus;
import org.tocsin.alert.ManualAlert;
import org.tocsin.alert.ManualTemplates;
import org.tocsin.alert.Policy;
import org.tocsin.alert.WarningPipeline;
import org.tocsin.area.AreaSet;
import org.tocsin.area.AreaSets;
import org.tocsin.flight.ThreatClass;
import org.tocsin.geo.GeoPoint;
import org.tocsin.node.Command;
import org.tocsin.node.LiveWarnings;
import org.tocsin.store.MutableClock;
import org.tocsin.track.LaunchDetection;

/**
 * Nothing a flood sends grows without bound: threats per sensor, reports per second, ended threats
 * in memory, the ATOM feed.
 */
class BoundedMemoryTest {

  private static final AreaSet AREAS = AreaSets.bundled("ua-hromadas");
  private static final Instant T = Instant.parse("2025-03-02T03:00:00Z");
  private final HttpClient http = HttpClient.newHttpClient();
  private final MutableClock clock = new MutableClock(T.plusSeconds(30));

  private LiveWarnings live() {
    return new LiveWarnings(
        new WarningPipeline(Policy.DEFAULT, AREAS), clock, AlertStatus.EXERCISE, 1);
  }

  private HttpResponse<String> post(WebServer server, String key, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/api/v1/reports"))
            .header("Authorization", "Bearer " + key)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * {@code count} launches from distinct points along the Crimean south coast, each its own threat,
   * all heading out to sea: they warn no area, so the flood costs predictions only.
   */
  private static String launches(int count, int offset) {
    StringBuilder json = new StringBuilder("{\"reports\":[");
    for (int i = 0; i < count; i++) {
      double lon = 33.5 + (offset + i) * 0.005;
      json.append(i == 0 ? "" : ",")
          .append("{\"type\":\"launch-detection\",\"sensorId\":\"ir-1\",")
          .append("\"time\":\"2025-03-02T03:00:20Z\",\"launch\":{\"lat\":44.45,\"lon\":")
          .append(lon)
          .append(",\"time\":\"2025-03-02T03:00:00Z\"},\"headingDeg\":180,")
          .append("\"positionSigmaM\":3000,\"headingSigmaDeg\":5,\"class\":\"srbm\"}");
    }
    return json.append("]}").toString();
  }

  @Test
  void aSensorFloodingLaunchReportsHoldsAtMostItsQuotaOfThreatsOpen() throws Exception {
    HashedSensorKeys keys = new HashedSensorKeys();
    String key = keys.add("ir-1");
    LiveWarnings live = live();
    try (WebServer server = WebServer.start(live, AREAS, ServerOptions.defaults(0, keys))) {
      int per = IngestRoutes.MAX_OPEN_THREATS_PER_SENSOR / 2;
      assertThat(post(server, key, launches(per, 0)).statusCode()).isEqualTo(202);
      assertThat(post(server, key, launches(per, per)).statusCode()).isEqualTo(202);
      HttpResponse<String> flooded = post(server, key, launches(per, 2 * per));
      assertThat(flooded.statusCode()).as(flooded.body()).isEqualTo(429);
      assertThat(flooded.body()).contains("may hold at most 200 threats open");
      assertThat(live.threats()).hasSizeLessThanOrEqualTo(IngestRoutes.MAX_OPEN_THREATS_PER_SENSOR);
    }
  }

  @Test
  void everyReportCountsInTheSensorsRateNotOnlyEveryRequest() throws Exception {
    HashedSensorKeys keys = new HashedSensorKeys();
    String key = keys.add("ir-1");
    // A thousand copies of one radar plot: cheap to decide, since repeats are dropped.
    String batch =
        "{\"type\":\"radar-plot\",\"sensorId\":\"ir-1\",\"time\":\"2025-03-02T03:00:20Z\","
            + "\"site\":{\"lat\":46.6,\"lon\":32.6},\"rangeM\":150000,\"azimuthDeg\":120,"
            + "\"elevationDeg\":30,\"rangeSigmaM\":100,\"azimuthSigmaMrad\":1,"
            + "\"elevationSigmaMrad\":1}";
    String thousand =
        "{\"reports\":[" + String.join(",", java.util.Collections.nCopies(1_000, batch)) + "]}";
    try (WebServer server = WebServer.start(live(), AREAS, ServerOptions.defaults(0, keys))) {
      assertThat(post(server, key, thousand).statusCode()).isEqualTo(202);
      assertThat(post(server, key, thousand).statusCode()).isEqualTo(202);
      HttpResponse<String> over = post(server, key, thousand);
      assertThat(over.statusCode()).as(over.body()).isEqualTo(429);
      assertThat(over.body()).contains("reports a second");
    }
  }

  @Test
  void endedThreatsAreForgottenAfterTheirRetention() {
    LiveWarnings live = live();
    live.execute(
        new Command.Batch(
            List.of(
                new LaunchDetection(
                    "ir-1",
                    T.plusSeconds(20),
                    GeoPoint.of(45.71, 34.39),
                    T,
                    300,
                    3000,
                    5,
                    ThreatClass.SRBM)),
            T.plusSeconds(20)));
    assertThat(live.threats()).hasSize(1);
    Instant at = T.plusSeconds(20);
    while (!live.inForce().isEmpty()) {
      at = at.plusSeconds(10);
      live.execute(new Command.Tick(at));
      assertThat(at).isBefore(T.plus(Duration.ofHours(2)));
    }
    assertThat(live.threats()).hasSize(1);

    live.execute(new Command.Tick(at.plus(WarningPipeline.ENDED_RETENTION).plusSeconds(1)));

    assertThat(live.threats()).isEmpty();
    assertThat(live.phase("L1")).isEmpty();
  }

  @Test
  void theFeedListsOnlyTheNewestMessages() throws Exception {
    LiveWarnings live = live();
    try (WebServer server = WebServer.start(live, AREAS, 0)) {
      int alerts = CapPublisher.MAX_FEED_ENTRIES + 20;
      for (int i = 0; i < alerts; i++) {
        live.execute(
            new Command.Issue(
                new ManualAlert(
                    "M" + i,
                    AlertStatus.EXERCISE,
                    AlertLevel.PREPARE,
                    List.of(AREAS.areas().get(i).id()),
                    Duration.ofMinutes(10),
                    ManualTemplates.forStatus(AlertStatus.EXERCISE).get(0).text()),
                live.now()));
      }
      assertThat(live.inForce()).hasSize(alerts);
      String feed =
          http.send(
                  HttpRequest.newBuilder(
                          URI.create("http://localhost:" + server.port() + "/feed.atom"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      Matcher entries = Pattern.compile("<entry>").matcher(feed);
      assertThat(entries.results().count()).isEqualTo(CapPublisher.MAX_FEED_ENTRIES);
    }
  }
}
