package org.tocsin.web;

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
import org.junit.jupiter.api.Test;

/** {@code tocsin demo}: the bundled Dnipro replay reaches the API as an Exercise. */
class DemoTest {

  @Test
  void theDniproReplayIsWarnedAsAnExercise() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    ObjectMapper mapper = new ObjectMapper();
    try (Demo demo = Demo.start(0, 100, Clock.systemUTC())) {
      URI alerts = URI.create("http://localhost:" + demo.port() + "/api/v1/alerts");
      JsonNode body = null;
      Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
      while (Instant.now().isBefore(deadline)) {
        body =
            mapper.readTree(
                http.send(
                        HttpRequest.newBuilder(alerts).build(),
                        HttpResponse.BodyHandlers.ofString())
                    .body());
        if (body.get("alerts").size() > 0
            && body.get("alerts")
                .get(0)
                .get("areas")
                .findValuesAsText("id")
                .contains("UA1202001")) {
          break;
        }
        Thread.sleep(200);
      }
      assertThat(body).isNotNull();
      assertThat(body.get("status").asText()).isEqualTo("Exercise");
      assertThat(body.get("clockRate").asDouble()).isEqualTo(100);
      assertThat(body.get("alerts").get(0).get("areas").findValuesAsText("id"))
          .contains("UA1202001");
    }
  }
}
