package org.tocsin.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tocsin.alert.AlertEvent;
import org.tocsin.alert.AlertLevel;
import org.tocsin.alert.AreaWarning;
import org.tocsin.alert.MessageType;
import org.tocsin.store.Journal;
import org.tocsin.store.TestDatabase;
import org.tocsin.store.TestDatabase.Backend;

/**
 * A delivery worker killed with SIGKILL in the middle of a fan-out to 10,000 webhooks, and again in
 * the middle of their deliveries, then restarted: every webhook has every message, in order, and
 * any repeat carries the same idempotency key. The worker runs in a child JVM, on PostgreSQL and on
 * the embedded database's file; a real HTTP receiver on loopback checks every signature.
 */
class DeliveryCrashIT {

  private static final int SUBSCRIBERS = 10_000;
  private static final List<String> EVENTS = List.of("T1-1", "T1-2", "T1-3");

  @TempDir Path tempDir;

  private final List<Process> started = new ArrayList<>();

  @org.junit.jupiter.api.AfterEach
  void killWhatIsLeft() throws InterruptedException {
    for (Process process : started) {
      if (process.isAlive()) {
        kill(process);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aWorkerKilledMidFanOutAndMidDeliveryLosesNothingAndRepeatsOnlyWithTheSameKey(Backend backend)
      throws Exception {
    try (TestDatabase db = TestDatabase.create(backend, tempDir);
        WebhookReceiver receiver = new WebhookReceiver()) {
      Map<String, String> idByPath = addWebhooks(db, receiver);
      journalAlertUpdateAndCancel(db);
      db.closeDatabase(); // the embedded file admits one process

      // Killed as soon as it has started: within the fan-out of 30,000 deliveries.
      Process first = startWorker(db);
      awaitLine(first);
      Thread.sleep(300);
      kill(first);
      int afterFirst = receiver.received().size();

      Process second = startWorker(db);
      await(() -> receiver.received().size() > afterFirst + 8_000, Duration.ofMinutes(3), second);
      kill(second);
      int afterSecond = receiver.received().size();
      assertThat(afterSecond).isLessThan(SUBSCRIBERS * EVENTS.size());

      Process third = startWorker(db);
      try {
        await(() -> allReceived(receiver, idByPath), Duration.ofMinutes(5), third);
      } finally {
        kill(third);
      }

      assertThat(receiver.badSignatures()).isZero();
      Map<String, List<WebhookReceiver.Received>> byPath = new TreeMap<>();
      for (WebhookReceiver.Received received : receiver.received()) {
        byPath.computeIfAbsent(received.path(), p -> new ArrayList<>()).add(received);
      }
      assertThat(byPath).hasSize(SUBSCRIBERS);
      int repeats = 0;
      for (var entry : byPath.entrySet()) {
        String id = idByPath.get(entry.getKey());
        Set<String> inOrder = new LinkedHashSet<>();
        for (WebhookReceiver.Received received : entry.getValue()) {
          assertThat(received.deliveryKey()).isEqualTo(received.event() + "/webhook/" + id);
          if (!inOrder.add(received.event())) {
            repeats++;
          }
        }
        assertThat(new ArrayList<>(inOrder)).as(entry.getKey()).isEqualTo(EVENTS);
      }
      System.out.printf(
          "%s: %d received before the first kill, %d before the second, %d repeats in all%n",
          backend, afterFirst, afterSecond, repeats);
    }
  }

  private static boolean allReceived(WebhookReceiver receiver, Map<String, String> idByPath) {
    Map<String, Set<String>> events = new HashMap<>();
    for (WebhookReceiver.Received received : receiver.received()) {
      events.computeIfAbsent(received.path(), p -> new java.util.HashSet<>()).add(received.event());
    }
    return events.size() == idByPath.size()
        && events.values().stream().allMatch(set -> set.size() == EVENTS.size());
  }

  /** 10,000 webhooks on area A1, written in batches as {@link Webhooks#addForAreas} writes one. */
  private static Map<String, String> addWebhooks(TestDatabase db, WebhookReceiver receiver)
      throws SQLException {
    Map<String, String> idByPath = new HashMap<>();
    try (Connection jdbc = db.jdbc();
        PreparedStatement insert =
            jdbc.prepareStatement(
                "INSERT INTO webhook_subscriber (id, url, secret, area_ids, area_set, min_level,"
                    + " created_at) VALUES (?, ?, ?, 'A1', NULL, 'prepare', ?)")) {
      for (int i = 0; i < SUBSCRIBERS; i++) {
        String path = "/w/" + i;
        String id = String.format("wh_%05d", i);
        String secret = "secret-" + i;
        insert.setString(1, id);
        insert.setString(2, receiver.url(path));
        insert.setString(3, secret);
        insert.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
        insert.addBatch();
        receiver.expect(path, secret);
        idByPath.put(path, id);
      }
      insert.executeBatch();
    }
    return idByPath;
  }

  private static void journalAlertUpdateAndCancel(TestDatabase db) {
    Journal journal = new Journal(db.database(), Clock.systemUTC());
    Instant now = Instant.now();
    AreaWarning shelter = new AreaWarning("A1", AlertLevel.SHELTER, 0.5, now.plusSeconds(600));
    AreaWarning prepare = new AreaWarning("A1", AlertLevel.PREPARE, 0.1, now.plusSeconds(600));
    List<AlertEvent> events =
        List.of(
            new AlertEvent(
                "T1-1", now, "T1", MessageType.ALERT, List.of(shelter), "crash", Optional.empty()),
            new AlertEvent(
                "T1-2",
                now,
                "T1",
                MessageType.UPDATE,
                List.of(prepare),
                "crash",
                Optional.of("T1-1")),
            new AlertEvent(
                "T1-3", now, "T1", MessageType.CANCEL, List.of(), "crash", Optional.of("T1-2")));
    for (AlertEvent event : events) {
      journal.appendAlertEvent(event, List.of(Channels.WEBHOOK));
    }
  }

  private Process startWorker(TestDatabase db) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(DeliveryWorkerProcess.class.getName());
    command.add(db.url());
    command.add(db.auditKeyFile());
    command.add("3");
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(tempDir.resolve("worker-" + System.nanoTime() + ".log").toFile())
            .start();
    started.add(process);
    return process;
  }

  /** Waits for the worker's "delivering" line in its log. */
  private void awaitLine(Process process) throws Exception {
    await(
        () -> {
          try (var logs = java.nio.file.Files.list(tempDir)) {
            return logs.filter(p -> p.getFileName().toString().startsWith("worker-"))
                .anyMatch(
                    p -> {
                      try {
                        return java.nio.file.Files.readString(p).contains("delivering");
                      } catch (java.io.IOException e) {
                        return false;
                      }
                    });
          } catch (java.io.IOException e) {
            return false;
          }
        },
        Duration.ofMinutes(1),
        process);
  }

  private String logs() throws java.io.IOException {
    StringBuilder text = new StringBuilder();
    try (var logs = java.nio.file.Files.list(tempDir)) {
      for (Path log : logs.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
        String content = java.nio.file.Files.readString(log);
        text.append(log.getFileName())
            .append(":\n")
            .append(content, Math.max(0, content.length() - 3_000), content.length());
      }
    }
    return text.toString();
  }

  private static void kill(Process process) throws InterruptedException {
    process.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no rollback by the worker
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
  }

  private void await(BooleanSupplier condition, Duration limit, Process worker) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline || !worker.isAlive()) {
        throw new AssertionError("not reached within " + limit + "; the worker's log:\n" + logs());
      }
      Thread.sleep(100);
    }
  }
}
