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
import org.tocsin.cli.Demo;

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

  @Test
  void theDemoConsoleTakesItsTwoAccountsForExercisesAndTestsButNeverAnActualAlert()
      throws Exception {
    try (Demo demo = Demo.start(0, 1, Clock.systemUTC())) {
      String base = "http://localhost:" + demo.port();
      java.util.regex.Matcher logins =
          java.util.regex.Pattern.compile("demo-operator / (\\w+) drafts, demo-approver / (\\w+)")
              .matcher(demo.consoleLogins());
      assertThat(logins.find()).as(demo.consoleLogins()).isTrue();
      ConsoleClient operator = ConsoleClient.login(base, "demo-operator", logins.group(1));
      ConsoleClient approver = ConsoleClient.login(base, "demo-approver", logins.group(2));

      assertThat(operator.get("/api/v1/templates").json().findValuesAsText("status"))
          .isNotEmpty()
          .doesNotContain("Actual");
      ConsoleClient.Response actual =
          operator.post(
              "/api/v1/drafts", ConsoleApiTest.draftBody("Actual", "actual-shelter", "UA8000000"));
      assertThat(actual.status()).isEqualTo(403);
      assertThat(actual.detail()).contains("takes only Exercise and Test drafts");

      ConsoleClient.Response drill =
          operator.post(
              "/api/v1/drafts",
              ConsoleApiTest.draftBody("Exercise", "exercise-shelter", "UA8000000"));
      assertThat(drill.status()).as(drill.body()).isEqualTo(201);
      ConsoleClient.Response approved =
          approver.post(
              "/api/v1/drafts/" + drill.json().get("id").asLong() + "/approve",
              ConsoleApiTest.confirm("Exercise"));
      assertThat(approved.status()).as(approved.body()).isEqualTo(200);
      JsonNode alert =
          ConsoleClient.anonymous(base)
              .get("/api/v1/alerts/" + approved.json().get("threat").asText())
              .json();
      assertThat(alert.get("status").asText()).isEqualTo("Exercise");
      assertThat(alert.get("origin").asText()).isEqualTo("manual");
    }
  }
}
