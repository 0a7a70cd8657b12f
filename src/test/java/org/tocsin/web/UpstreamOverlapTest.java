package org.tocsin.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tocsin.alert.AlertLevel;
import org.tocsin.alert.AreaWarning;
import org.tocsin.alert.MessageType;
import org.tocsin.node.Command;
import org.tocsin.store.Database;
import org.tocsin.store.KeyHolder;
import org.tocsin.store.SensorKeys;

/**
 * Where an upstream authority's alert and the engine's own warning cover the same area, people see
 * one warning at the higher level with both sources named, and the Cancel of one never clears the
 * other. The engine's warning here is the sea-impact replay's shelter on the west coast of Crimea;
 * the authority asks the same hromada to prepare.
 */
class UpstreamOverlapTest {

  private static final String AREA_ALERT =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
        <identifier>%s</identifier>
        <sender>air-force.example.mil.ua</sender>
        <sent>%s</sent>
        <status>Exercise</status>
        <msgType>%s</msgType>
        <scope>Public</scope>
        %s
        <info>
          <language>en-US</language>
          <category>Security</category>
          <event>Ballistic missile launch</event>
          <responseType>Prepare</responseType>
          <urgency>Immediate</urgency>
          <severity>Extreme</severity>
          <certainty>Observed</certainty>
          <onset>%s</onset>
          <expires>%s</expires>
          <headline>Be ready to take shelter</headline>
          <area>
            <areaDesc>One hromada</areaDesc>
            <geocode><valueName>OCHA_PCODE</valueName><value>%s</value></geocode>
          </area>
        </info>
      </alert>
      """;

  @TempDir Path dir;

  @Test
  void oneAreaShowsOneWarningAtTheHigherLevelWithBothSourcesAndEachCancelEndsOnlyItsOwn()
      throws Exception {
    SeaImpactReplay replay = new SeaImpactReplay();
    try (Database database = Database.openEmbedded(dir)) {
      String key =
          new SensorKeys(database, java.time.Clock.systemUTC())
              .add("air-force", KeyHolder.UPSTREAM_AUTHORITY);
      var trusted = UpstreamRelayServer.ecKey();
      try (WebServer server =
          WebServer.start(
              replay.live,
              UpstreamRelayServer.AREAS,
              UpstreamRelayServer.options(database, trusted, UpstreamAuthorities.RelayMode.AUTO))) {
        String base = "http://localhost:" + server.port();
        replay.feedUntil("ALERT");
        Map.Entry<String, List<AreaWarning>> engine =
            replay.live.inForce().entrySet().iterator().next();
        AreaWarning sheltering =
            engine.getValue().stream()
                .filter(w -> w.level() == AlertLevel.SHELTER)
                .findFirst()
                .orElseThrow(
                    () -> new AssertionError("the engine's first alert has no shelter area"));
        String area = sheltering.areaId();
        Instant now = replay.clock.instant();
        String first = message("af-1", "Alert", "", area, now);

        String upstream = post(base, key, trusted, first).get("relay").get("threat").asText();

        // One warning for the area: shelter (the engine's, the higher), both sources named.
        JsonNode merged = areaEntry(base, area);
        assertThat(merged.get("level").asText()).isEqualTo("shelter");
        assertThat(merged.get("status").asText()).isEqualTo("Exercise");
        assertThat(sources(merged))
            .containsExactlyInAnyOrder(
                engine.getKey() + "/engine/shelter", upstream + "/upstream/prepare");
        assertThat(merged.get("sources").findValuesAsText("authority"))
            .containsExactly("air-force");
        // The engine's other areas are untouched: one source each.
        JsonNode alerts = ConsoleClient.anonymous(base).get("/api/v1/alerts").json();
        assertThat(alerts.get("areas")).hasSize(engine.getValue().size());

        // The authority's Cancel ends its alert only: the engine's warning stays, as it was.
        String cancel =
            message(
                "af-2",
                "Cancel",
                "<references>" + UpstreamRelayServer.referenceTo(first) + "</references>",
                area,
                now);
        post(base, key, trusted, cancel);
        JsonNode after = areaEntry(base, area);
        assertThat(after.get("level").asText()).isEqualTo("shelter");
        assertThat(sources(after)).containsExactly(engine.getKey() + "/engine/shelter");
        assertThat(replay.live.inForce()).containsOnlyKeys(engine.getKey());

        // And the other way round: the engine's alert stood down leaves a new upstream one.
        String second =
            post(base, key, trusted, message("af-3", "Alert", "", area, now))
                .get("relay")
                .get("threat")
                .asText();
        replay.live.execute(
            new Command.StandDown(engine.getKey(), MessageType.CANCEL, replay.live.now()));
        assertThat(replay.live.inForce()).containsOnlyKeys(second);
        JsonNode alone = areaEntry(base, area);
        assertThat(alone.get("level").asText()).isEqualTo("prepare");
        assertThat(sources(alone)).containsExactly(second + "/upstream/prepare");
      }
    }
  }

  static String message(
      String identifier, String msgType, String references, String area, Instant now) {
    return AREA_ALERT.formatted(
        identifier,
        UpstreamRelayServer.capTime(now),
        msgType,
        references,
        UpstreamRelayServer.capTime(now.plus(Duration.ofMinutes(5))),
        UpstreamRelayServer.capTime(now.plus(Duration.ofMinutes(30))),
        area);
  }

  static JsonNode post(String base, String key, java.security.KeyPair trusted, String xml)
      throws Exception {
    var response =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/v1/cap"))
                    .header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/cap+xml")
                    .POST(
                        java.net.http.HttpRequest.BodyPublishers.ofByteArray(
                            UpstreamRelayServer.signed(trusted, xml)))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    JsonNode body = ConsoleClient.MAPPER.readTree(response.body());
    assertThat(body.get("relay").get("outcome").asText()).as(response.body()).isEqualTo("relayed");
    return body;
  }

  private static JsonNode areaEntry(String base, String area) throws Exception {
    for (JsonNode entry : ConsoleClient.anonymous(base).get("/api/v1/alerts").json().get("areas")) {
      if (entry.get("id").asText().equals(area)) {
        return entry;
      }
    }
    throw new AssertionError("area " + area + " is not warned");
  }

  private static List<String> sources(JsonNode entry) {
    List<String> sources = new ArrayList<>();
    entry
        .get("sources")
        .forEach(
            s ->
                sources.add(
                    s.get("threat").asText()
                        + "/"
                        + s.get("origin").asText()
                        + "/"
                        + s.get("level").asText()));
    return sources;
  }
}
