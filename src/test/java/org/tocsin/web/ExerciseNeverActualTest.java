package org.tocsin.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tocsin.alert.AlertStatus;
import org.tocsin.alert.ManualTemplate;
import org.tocsin.alert.ManualTemplates;
import org.tocsin.cap.CapAlert;
import org.tocsin.cap.CapReader;
import org.tocsin.node.PublishedEvent;
import org.tocsin.store.TestDatabase.Backend;

/**
 * No sequence of console actions turns an exercise or a test into an Actual message. Operators here
 * draft only exercises and tests, then do anything the API lets them, in a random order (seeded, so
 * a failure replays): approve with any confirmation, reject, send any ready message with any status
 * claimed, slip a status into any body, try other statuses' templates. After every action, nothing
 * Actual exists anywhere a person or a receiver would see it: no draft, no alert in force, no event
 * on the stream, no CAP message.
 */
class ExerciseNeverActualTest {

  private static final String[] STATUSES = {"Actual", "Exercise", "Test"};
  private static final String[] AREAS = {"UA8000000", "UA4606025", "UA5110027", "UA6312027"};
  private static final String[] ACTIONS = {"cancel", "correction", "all-clear"};
  private static final int STEPS = 300;

  @TempDir Path dir;

  @Test
  void noSequenceOfConsoleActionsMakesAnActualMessage() throws Exception {
    Random random = new Random(20_181_301L);
    try (ConsoleServer server = new ConsoleServer(Backend.H2, dir, AlertStatus.EXERCISE)) {
      List<ConsoleClient> people =
          List.of(server.client("olena"), server.client("petro"), server.client("marta"));
      List<Long> drafts = new ArrayList<>();
      java.util.Map<Long, String> statusOf = new java.util.HashMap<>();
      int approved = 0;
      int stoodDown = 0;
      for (int step = 0; step < STEPS; step++) {
        ConsoleClient who = people.get(random.nextInt(people.size()));
        int action = random.nextInt(5);
        if (action == 0 || drafts.isEmpty()) {
          ConsoleClient.Response response = who.post("/api/v1/drafts", draft(random));
          if (response.status() == 201) {
            drafts.add(response.json().get("id").asLong());
            statusOf.put(
                response.json().get("id").asLong(), response.json().get("status").asText());
          }
        } else if (action == 1 || action == 2) {
          long id = drafts.get(random.nextInt(drafts.size()));
          ObjectNode body = ConsoleClient.MAPPER.createObjectNode();
          body.put(
              "confirmStatus", random.nextBoolean() ? statusOf.get(id) : pick(random, STATUSES));
          if (random.nextBoolean()) {
            body.put("status", "Actual");
          }
          if (who.post("/api/v1/drafts/" + id + "/approve", body).status() == 200) {
            approved++;
          }
        } else if (action == 3) {
          long id = drafts.get(random.nextInt(drafts.size()));
          who.post("/api/v1/drafts/" + id + "/reject", "{\"reason\":\"not now\"}");
        } else {
          JsonNode alerts = ConsoleClient.anonymous(server.base()).get("/api/v1/alerts").json();
          if (!alerts.get("alerts").isEmpty()) {
            JsonNode alert = alerts.get("alerts").get(random.nextInt(alerts.get("alerts").size()));
            String body =
                random.nextBoolean()
                    ? "{\"confirmStatus\":\"" + pick(random, STATUSES) + "\"}"
                    : "{\"confirmStatus\":\""
                        + alert.get("status").asText()
                        + "\",\"confirmStatus\":\"Actual\"}";
            String path = "/api/v1/alerts/" + alert.get("threat").asText() + "/";
            if (who.post(path + pick(random, ACTIONS), body).status() == 200) {
              stoodDown++;
            }
          }
        }
        assertNothingActual(server, people.get(0), "after step " + step);
      }
      // The walk did reach every kind of action that sends something.
      assertThat(approved).isGreaterThan(8);
      assertThat(stoodDown).isGreaterThan(3);
    }
  }

  private static ObjectNode draft(Random random) {
    ObjectNode body = ConsoleClient.MAPPER.createObjectNode();
    String status = random.nextBoolean() ? "Exercise" : "Test";
    body.put("status", status);
    body.put("level", random.nextBoolean() ? "shelter" : "prepare");
    body.put("minutesToArrival", random.nextInt(61));
    // Mostly the status's own templates, sometimes another status's, Actual's included.
    List<ManualTemplate> templates =
        random.nextInt(4) == 0
            ? ManualTemplates.all()
            : ManualTemplates.forStatus(AlertStatus.parse("status", status));
    ManualTemplate template = templates.get(random.nextInt(templates.size()));
    body.put("template", template.id());
    body.putArray("areas").add(pick(random, AREAS));
    if (random.nextInt(3) == 0) {
      body.putObject("text").put("headlineEn", "ACTUAL: this is not a drill");
    }
    return body;
  }

  private static void assertNothingActual(ConsoleServer server, ConsoleClient viewer, String when)
      throws Exception {
    for (JsonNode draft : viewer.get("/api/v1/drafts").json().get("drafts")) {
      assertThat(draft.get("status").asText()).as(when).isNotEqualTo("Actual");
      assertThat(draft.get("sentHeadlines").get("en").asText())
          .as(when)
          .matches("(EXERCISE|TEST) — .*");
    }
    JsonNode alerts = ConsoleClient.anonymous(server.base()).get("/api/v1/alerts").json();
    for (JsonNode alert : alerts.get("alerts")) {
      assertThat(alert.get("status").asText()).as(when).isNotEqualTo("Actual");
    }
    for (PublishedEvent event : server.live().eventsAfter(0)) {
      assertThat(event.status()).as(when).isNotEqualTo(AlertStatus.ACTUAL);
      String identifier = server.capIdentifier(event.event().id());
      ConsoleClient.Response xml =
          ConsoleClient.anonymous(server.base())
              .get("/cap/" + java.net.URLEncoder.encode(identifier, "UTF-8") + ".xml");
      assertThat(xml.status()).as(when + ": " + identifier).isEqualTo(200);
      CapAlert message =
          CapReader.read(xml.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      assertThat(message.status()).as(when).isNotEqualTo(CapAlert.Status.ACTUAL);
      message
          .infos()
          .forEach(
              info ->
                  assertThat(info.headline().orElseThrow())
                      .as(when)
                      .matches(
                          info.language().equals("uk-UA")
                              ? "(НАВЧАННЯ|ТЕСТ) — .*"
                              : "(EXERCISE|TEST) — .*"));
    }
  }

  private static String pick(Random random, String[] values) {
    return values[random.nextInt(values.length)];
  }
}
