package org.tocsin.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tocsin.alert.AlertLevel;
import org.tocsin.alert.AlertStatus;
import org.tocsin.alert.ManualAlert;
import org.tocsin.alert.ManualTemplates;
import org.tocsin.alert.MessageType;
import org.tocsin.alert.Policy;
import org.tocsin.alert.WarningPipeline;
import org.tocsin.area.AreaSet;
import org.tocsin.area.AreaSets;
import org.tocsin.cap.CapIssuer;
import org.tocsin.delivery.Channel;
import org.tocsin.delivery.Channels;
import org.tocsin.delivery.DeliveryWorker;
import org.tocsin.delivery.Payloads;
import org.tocsin.delivery.WebhookTransport;
import org.tocsin.delivery.Webhooks;
import org.tocsin.store.Journal;
import org.tocsin.store.MutableClock;
import org.tocsin.store.TestDatabase;

/**
 * An exercise that people issue on a real (Actual) server reaches the delivery channels marked as
 * an exercise, its Cancel too: the messages are built from the journalled events, which first
 * carried no status of their own, so they went out as the server's, Actual.
 */
class ExerciseDeliveryTest {

  private static final AreaSet OBLASTS = AreaSets.bundled("ua-oblasts");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void peoplesExerciseOnARealServerIsDeliveredMarkedAsAnExercise() throws Exception {
    List<JsonNode> received = new CopyOnWriteArrayList<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          received.add(MAPPER.readTree(exchange.getRequestBody().readAllBytes()));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    receiver.start();
    MutableClock clock = new MutableClock(Instant.parse("2026-12-02T08:00:00Z"));
    try (TestDatabase db = TestDatabase.create(TestDatabase.Backend.H2, dir)) {
      Webhooks webhooks = new Webhooks(db.database(), clock);
      webhooks.addForSet(
          "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
          OBLASTS.id(),
          AlertLevel.PREPARE);
      LiveWarnings live =
          new LiveWarnings(
              new WarningPipeline(Policy.DEFAULT, OBLASTS),
              clock,
              AlertStatus.ACTUAL,
              1,
              new StoreJournal(new Journal(db.database(), clock), Channels.ALL));
      String area = OBLASTS.areas().get(0).id();
      live.execute(
          new Command.Issue(
              new ManualAlert(
                  "M1",
                  AlertStatus.EXERCISE,
                  AlertLevel.SHELTER,
                  List.of(area),
                  Duration.ofMinutes(10),
                  ManualTemplates.forStatus(AlertStatus.EXERCISE).get(0).text()),
              live.now()));
      live.execute(new Command.StandDown("M1", MessageType.CANCEL, live.now()));
      try (DeliveryWorker worker =
          new DeliveryWorker(
              db.database(),
              new Payloads(
                  OBLASTS, AlertStatus.ACTUAL, new CapIssuer("tocsin@localhost", "series01")),
              List.of(
                  Channel.webhooks(
                      webhooks, new WebhookTransport(webhooks, clock), "http://localhost", 2)),
              clock,
              new Random(1),
              new SimpleMeterRegistry())) {
        worker.runUntilIdle();
      }
    } finally {
      receiver.stop(0);
    }

    assertThat(received).hasSize(2);
    for (JsonNode message : received) {
      assertThat(message.get("status").asText()).as(message.toString()).isEqualTo("Exercise");
      assertThat(message.get("exercise").asBoolean()).isTrue();
      assertThat(message.get("headline").get("en").asText()).startsWith("EXERCISE");
    }
    assertThat(received.get(1).get("msgType").asText()).isEqualTo("Cancel");
  }

  @Test
  void aStatusIsReadOnlyWhereAReasonStatesIt() {
    assertThat(AlertStatus.statedIn("issued by people: a draft approved (status Exercise)"))
        .contains(AlertStatus.EXERCISE);
    assertThat(AlertStatus.statedIn("relayed from upstream authority a (status Test; countdown;"))
        .contains(AlertStatus.TEST);
    assertThat(AlertStatus.statedIn("footprint over the areas; status Exercise")).isEmpty();
    assertThat(AlertStatus.statedIn(null)).isEmpty();
  }
}
