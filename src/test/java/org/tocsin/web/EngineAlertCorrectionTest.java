package org.tocsin.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tocsin.area.AreaSets;
import org.tocsin.store.Database;
import org.tocsin.store.Role;

/**
 * An automatic alert can be corrected by people too: a sensor glitch warned the coast, an operator
 * sends the ready correction, and the engine warns no more for that threat, whatever reports
 * follow.
 */
class EngineAlertCorrectionTest {

  @TempDir Path dir;

  @Test
  void anOperatorCorrectsAnAutomaticAlertAndTheEngineWarnsNoMoreForIt() throws Exception {
    SeaImpactReplay replay = new SeaImpactReplay();
    try (Database database = Database.openEmbedded(dir)) {
      OperatorAuth auth = OperatorAuth.on(database, Clock.systemUTC(), Duration.ofMinutes(15));
      auth.accounts().create("olena", Role.OPERATOR, ConsoleServer.PASSWORD.toCharArray());
      try (WebServer server =
          WebServer.start(
              replay.live,
              AreaSets.bundled("ua-hromadas"),
              ServerOptions.defaults(0, SensorAuthenticator.NONE).withOperators(auth))) {
        String base = "http://localhost:" + server.port();
        replay.feedUntil("ALERT");
        JsonNode alert =
            ConsoleClient.anonymous(base).get("/api/v1/alerts").json().get("alerts").get(0);
        assertThat(alert.get("origin").asText()).isEqualTo("engine");
        assertThat(alert.get("status").asText()).isEqualTo("Exercise");
        assertThat(alert.get("ready")).hasSize(3);

        ConsoleClient.Response sent =
            ConsoleClient.login(base, "olena", ConsoleServer.PASSWORD)
                .post(
                    "/api/v1/alerts/" + alert.get("threat").asText() + "/correction",
                    ConsoleApiTest.confirm("Exercise"));

        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        assertThat(sent.json().get("references").asText())
            .isEqualTo(alert.get("capIdentifier").asText());
        assertThat(replay.feedRest()).isEmpty();
        assertThat(ConsoleClient.anonymous(base).get("/api/v1/alerts").json().get("alerts"))
            .isEmpty();
      }
    }
  }
}
