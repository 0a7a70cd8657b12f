package org.tocsin.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tocsin.area.AreaSets;
import org.tocsin.delivery.webpush.VapidKeys;

/** {@code GET /api/v1/push/key} on a real server: the key browsers subscribe with. */
class PushKeyRouteTest {

  @TempDir Path data;

  private final HttpClient http = HttpClient.newHttpClient();
  private WebServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private HttpResponse<String> getKey() throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1/push/key"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesTheVapidPublicKeyKeptInTheDataFolder() throws Exception {
    VapidKeys keys = VapidKeys.loadOrCreate(data);
    server =
        WebServer.start(
            new SeaImpactReplay().live,
            AreaSets.bundled("ua-hromadas"),
            ServerOptions.defaults(0, SensorAuthenticator.NONE).withVapidKeys(keys));

    HttpResponse<String> response = getKey();

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    JsonNode body = new ObjectMapper().readTree(response.body());
    assertThat(body.size()).isEqualTo(1);
    String publicKey = body.get("publicKey").asText();
    assertThat(publicKey)
        .isEqualTo(VapidKeys.loadOrCreate(data).publicKeyBase64Url())
        .doesNotContain("=");
    assertThat(Base64.getUrlDecoder().decode(publicKey)).hasSize(65).startsWith(4);
  }

  @Test
  void aServerWithoutWebPushHasNoKeyToServe() throws Exception {
    server = WebServer.start(new SeaImpactReplay().live, AreaSets.bundled("ua-hromadas"), 0);

    assertThat(getKey().statusCode()).isEqualTo(404);
  }
}
