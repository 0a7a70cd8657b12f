package org.tocsin.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tocsin.web.ConsoleApiTest.confirm;
import static org.tocsin.web.ConsoleApiTest.draftBody;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tocsin.alert.AlertStatus;
import org.tocsin.store.TestDatabase.Backend;

/**
 * What operators did survives a restart, on PostgreSQL and on the embedded database: an approved
 * alert is in force again with its status, an alert stood down stays down, and the ready Cancel
 * still references the message it cancels.
 */
class ConsoleRestartTest {

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Backend.class)
  void anApprovedAlertAndAStandDownSurviveARestart(Backend backend) throws Exception {
    try (ConsoleServer server = new ConsoleServer(backend, dir, AlertStatus.ACTUAL)) {
      server.approve(
          server.draft(draftBody("Exercise", "exercise-shelter", "UA8000000")), "Exercise");
      server.approve(
          server.draft(draftBody("Actual", "actual-prepare", "UA4606025").put("level", "prepare")),
          "Actual");
      String exercise = ConsoleServer.threatOf(server.alertsInForce(), "Exercise");
      assertThat(
              server
                  .client("olena")
                  .post("/api/v1/alerts/" + exercise + "/cancel", confirm("Exercise"))
                  .status())
          .isEqualTo(200);

      List<JsonNode> before = server.alertsInForce();
      assertThat(before).hasSize(1);
      String identifierBefore = before.get(0).get("capIdentifier").asText();

      server.restart();

      List<JsonNode> alerts = server.alertsInForce();
      assertThat(alerts).hasSize(1);
      assertThat(alerts.get(0).get("status").asText()).isEqualTo("Actual");
      assertThat(alerts.get(0).get("origin").asText()).isEqualTo("manual");
      assertThat(alerts.get(0).get("areas").get(0).get("level").asText()).isEqualTo("prepare");
      assertThat(server.client("vika").get("/api/v1/drafts").json().get("drafts")).hasSize(2);
      assertThat(alerts.get(0).get("capIdentifier").asText())
          .as("a restart issues the same identifier again")
          .isEqualTo(identifierBefore);
      String actual = alerts.get(0).get("threat").asText();
      ConsoleClient.Response cancel =
          server.client("olena").post("/api/v1/alerts/" + actual + "/cancel", confirm("Actual"));
      assertThat(cancel.status()).as(cancel.body()).isEqualTo(200);
      assertThat(cancel.json().get("references").asText())
          .isEqualTo(alerts.get(0).get("capIdentifier").asText());
    }
  }
}
