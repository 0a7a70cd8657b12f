package org.tocsin.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tocsin.area.AreaSets;
import org.tocsin.atlas.AtlasFormats;
import org.tocsin.atlas.AtlasLayer;
import org.tocsin.atlas.AtlasLayerReader;
import org.tocsin.atlas.AtlasSettings;
import org.tocsin.atlas.ShelterAtlas;
import org.tocsin.flight.ThreatClass;
import org.tocsin.geo.GeoPoint;

/** {@code GET /api/v1/atlas}: the atlas a server was given, as checked, or a problem without. */
class AtlasRouteTest {

  private final HttpClient http = HttpClient.newHttpClient();
  private WebServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void theAtlasIsServedAsCheckedAndACurrentCopyIsNotSentAgain() throws Exception {
    AtlasLayer atlas =
        AtlasLayerReader.parse(
            AtlasFormats.geoJson(
                    new ShelterAtlas(AtlasSettings.of(ThreatClass.IRBM), Runnable::run)
                        .compute(
                            AreaSets.bundled("ua-oblasts"),
                            List.of(GeoPoint.of(51.9, 27.9)),
                            s -> {}))
                .getBytes(StandardCharsets.UTF_8),
            "oblasts");
    server =
        WebServer.start(
            new SeaImpactReplay().live,
            AreaSets.bundled("ua-hromadas"),
            ServerOptions.defaults(0, SensorAuthenticator.NONE).withAtlas(atlas));

    HttpResponse<String> first = get(HttpRequest.newBuilder(uri()));
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/geo+json");
    AtlasLayer served =
        AtlasLayerReader.parse(first.body().getBytes(StandardCharsets.UTF_8), "served");
    assertThat(served.areas()).hasSize(atlas.areas().size());
    for (int i = 0; i < atlas.areas().size(); i++) {
      assertThat(served.areas().get(i).id()).isEqualTo(atlas.areas().get(i).id());
      assertThat(served.areas().get(i).warningTimeS())
          .isEqualTo(atlas.areas().get(i).warningTimeS());
    }

    String etag = first.headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> again = get(HttpRequest.newBuilder(uri()).header("If-None-Match", etag));
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
  }

  @Test
  void aServerWithoutAnAtlasSaysHowToGiveItOne() throws Exception {
    server = WebServer.start(new SeaImpactReplay().live, AreaSets.bundled("ua-hromadas"), 0);

    HttpResponse<String> response = get(HttpRequest.newBuilder(uri()));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
    JsonNode problem = new ObjectMapper().readTree(response.body());
    assertThat(problem.get("detail").asText()).contains("--atlas FILE");
  }

  private URI uri() {
    return URI.create("http://localhost:" + server.port() + "/api/v1/atlas");
  }

  private HttpResponse<String> get(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
