package org.tocsin.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tocsin.alert.AlertLevel;
import org.tocsin.alert.AlertStatus;
import org.tocsin.alert.AreaWarning;
import org.tocsin.alert.Policy;
import org.tocsin.alert.WarningPipeline;
import org.tocsin.area.AreaSets;
import org.tocsin.bus.KafkaBroker;
import org.tocsin.bus.KafkaBus;
import org.tocsin.bus.KafkaSettings;
import org.tocsin.bus.LogReader;
import org.tocsin.bus.LogRecord;
import org.tocsin.bus.RecordLog;
import org.tocsin.cli.Main;
import org.tocsin.cli.TocsinCommand;
import org.tocsin.delivery.WebhookReceiver;
import org.tocsin.delivery.WebhookSubscriber;
import org.tocsin.delivery.Webhooks;
import org.tocsin.node.LiveWarnings;
import org.tocsin.sim.Scenario;
import org.tocsin.sim.ScenarioLoader;
import org.tocsin.store.SensorKeys;
import org.tocsin.store.TestDatabase;

/**
 * Three {@code tocsin serve --kafka} nodes on one machine, one Kafka broker (KRaft, a child
 * process) and one PostgreSQL database: {@code tocsin replay} posts the Dnipro reconstruction's
 * reports to a node that does not run the engine, event-stream clients follow all three, and the
 * engine's node is killed with SIGKILL in the middle of the replay.
 */
class ThreeNodeClusterIT {

  /** The first two minutes of the flight: the launch, the first warnings and their narrowing. */
  private static final long REPLAY_SECONDS = 120;

  private static final long KILL_AFTER_SECONDS = 45;

  /** When the broker restarts, after the engine's node was killed. */
  private static final long RESTART_AFTER_KILL_SECONDS = 15;

  /** The launch's second in the scenario: the replay starts just before it. */
  private static final long LAUNCH_SECONDS = 300;

  private static final String AREAS = "ua-oblasts";

  @TempDir Path dir;

  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  @Test
  void theEnginesNodeKilledMidReplayLosesNothingAndEveryNodeWarnsAsOneNodeWould() throws Exception {
    KafkaBroker broker = KafkaBroker.startTemporary();
    open.add(broker);
    TestDatabase database = TestDatabase.create(TestDatabase.Backend.POSTGRESQL, dir);
    open.add(database);
    Path scenarioFile = bundledDnipro();
    Scenario scenario = ScenarioLoader.load(scenarioFile);
    SensorKeys keys = new SensorKeys(database.database(), Clock.systemUTC());
    List<String> keyOptions = new ArrayList<>();
    scenario.sensors().forEach(s -> keyOptions.add(s.id() + "=" + keys.add(s.id())));
    WebhookReceiver receiver = new WebhookReceiver();
    open.add(receiver);
    Webhooks webhooks = new Webhooks(database.database(), Clock.systemUTC());
    List<String> hooks = List.of("/civil-defence", "/broadcaster");
    for (String hook : hooks) {
      WebhookSubscriber subscriber =
          webhooks.addForSet(receiver.url(hook), AREAS, AlertLevel.PREPARE);
      receiver.expect(hook, subscriber.secret());
    }
    String prefix = "c3.";
    List<String> serve =
        List.of(
            "--db",
            database.url(),
            "--audit-key",
            database.auditKeyFile(),
            "--kafka",
            broker.bootstrapServers(),
            "--kafka-replicas",
            "1",
            "--kafka-prefix",
            prefix,
            "--status",
            "exercise",
            "--areas",
            AREAS);
    Path home = Files.createDirectories(dir.resolve("home"));
    List<NodeProcess> nodes = new ArrayList<>();
    // The first node makes the keys every node shares (CAP signing, VAPID), then the others start.
    nodes.add(start("n1", home, serve));
    nodes.get(0).awaitUp(Duration.ofSeconds(90));
    nodes.add(start("n2", home, serve));
    nodes.add(start("n3", home, serve));
    for (NodeProcess node : nodes) {
      node.awaitUp(Duration.ofSeconds(90));
    }
    NodeProcess engine = awaitEngine(nodes, Duration.ofSeconds(30));
    awaitDeliveryPartitionsSharedOut(nodes, Duration.ofSeconds(30));
    // A phone in Dnipro subscribes to pushes through one node, as the page does.
    PushService push = new PushService();
    open.add(push);
    HttpResponse<String> subscribed =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        java.net.URI.create(nodes.get(2).url() + "/api/v1/push/subscriptions"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(push.subscription(48.46, 35.04)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(subscribed.statusCode()).as(subscribed.body()).isEqualTo(201);
    NodeProcess target = nodes.stream().filter(n -> n != engine).findFirst().orElseThrow();
    List<SseFollower> followers = new ArrayList<>();
    for (NodeProcess node : nodes) {
      for (int i = 0; i < 2; i++) {
        SseFollower follower = new SseFollower(node, () -> living(nodes));
        followers.add(follower);
        open.add(follower);
      }
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (followers.stream().anyMatch(f -> !f.connected()) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(followers).allMatch(SseFollower::connected);

    ExecutorService replayThread = Executors.newSingleThreadExecutor();
    StringWriter replayOut = new StringWriter();
    StringWriter replayErr = new StringWriter();
    List<String> replayArguments = new ArrayList<>();
    replayArguments.addAll(
        List.of(
            "replay",
            scenarioFile.toString(),
            "--to",
            target.url(),
            "--from",
            Long.toString(LAUNCH_SECONDS - 5),
            "--duration",
            Long.toString(REPLAY_SECONDS)));
    keyOptions.forEach(
        k -> {
          replayArguments.add("--key");
          replayArguments.add(k);
        });
    CompletableFuture<Integer> replay =
        CompletableFuture.supplyAsync(
            () ->
                TocsinCommand.commandLine()
                    .setOut(new PrintWriter(replayOut, true))
                    .setErr(new PrintWriter(replayErr, true))
                    .execute(replayArguments.toArray(String[]::new)),
            replayThread);
    Thread.sleep(KILL_AFTER_SECONDS * 1000);
    NodeProcess engineNow = awaitEngine(nodes, Duration.ofSeconds(5));
    assertThat(engineNow).isNotSameAs(target);
    engineNow.kill();
    long killedAt = System.nanoTime();
    NodeProcess successor = awaitEngine(nodes, Duration.ofSeconds(30));
    System.out.printf(
        "engine %s killed; %s took over in %d ms%n",
        engineNow.name,
        successor.name,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt));
    // The dead node's delivery partitions move to the living.
    awaitDeliveryPartitionsSharedOut(nodes, Duration.ofSeconds(30));

    // The broker restarts in the middle of the replay: the nodes reconnect, the sensor's batches
    // are refused (503) while it is down and retried, nothing acknowledged is lost.
    Thread.sleep(RESTART_AFTER_KILL_SECONDS * 1000);
    long restartAt = System.nanoTime();
    broker.stop();
    broker.restart();
    System.out.printf(
        "broker restarted in %d ms%n",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restartAt));

    assertThat(replay.get(REPLAY_SECONDS + 120, TimeUnit.SECONDS))
        .as("replay's exit; out:\n%s\nerr:\n%s", replayOut, replayErr)
        .isZero();
    replayThread.shutdown();
    long replayEnded = System.nanoTime();
    int acknowledged = acknowledgedReports(replayOut.toString());

    // No acknowledged report is lost: the shared log holds them all.
    KafkaSettings settings =
        KafkaSettings.production(broker.bootstrapServers()).withOneReplica().withNamePrefix(prefix);
    Reference reference = new Reference(settings);
    open.add(reference);
    assertThat(acknowledged).as("replay's output:\n%s\n%s", replayOut, replayErr).isPositive();
    assertThat(reference.reportsUpTo(Long.MAX_VALUE)).isGreaterThanOrEqualTo(acknowledged);

    // Within 10 s every living node holds the warnings one node would, given the same commands at
    // the same times.
    List<NodeProcess> living = nodes.stream().filter(NodeProcess::alive).toList();
    assertThat(living).hasSize(2);
    Map<String, String> mismatch = new HashMap<>();
    boolean agreed = false;
    while (!agreed && System.nanoTime() - replayEnded < Duration.ofSeconds(10).toNanos()) {
      agreed = true;
      for (NodeProcess node : living) {
        String problem = compare(node, reference);
        if (problem != null) {
          mismatch.put(node.name, problem);
          agreed = false;
        }
      }
      if (!agreed) {
        Thread.sleep(250);
      }
    }
    assertThat(agreed).as("every node warns as one node would: %s", mismatch).isTrue();
    assertThat(reference.everWarned()).as("the replay put warnings in force").isTrue();

    // Every event-stream client has every alert event once, in order, across its node's death:
    // what it has is the engine's events from the first, without a gap or a repeat, and at least
    // those decided by the end of the replay (ticks go on deciding while threats are tracked).
    List<String> byReplayEnd = reference.events();
    assertThat(byReplayEnd).isNotEmpty();
    long settleDeadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < settleDeadline
        && followers.stream().anyMatch(f -> f.received().size() < byReplayEnd.size())) {
      Thread.sleep(100);
    }
    reference.reportsUpTo(Long.MAX_VALUE);
    List<String> events = reference.events();
    for (SseFollower follower : followers) {
      List<SseFollower.Received> received = follower.received();
      List<String> ids = received.stream().map(SseFollower.Received::event).toList();
      assertThat(ids.size())
          .as("events of a client that connected %s", follower.connections())
          .isGreaterThanOrEqualTo(byReplayEnd.size());
      assertThat(ids)
          .as("events of a client that connected %s", follower.connections())
          .isEqualTo(events.subList(0, Math.min(ids.size(), events.size())));
      assertThat(received.stream().mapToLong(SseFollower.Received::id).toArray())
          .as("ids increase")
          .isSorted()
          .doesNotHaveDuplicates();
    }
    assertThat(followers.stream().filter(f -> f.connections().size() > 1))
        .as("the clients of the killed node resumed elsewhere")
        .hasSizeGreaterThanOrEqualTo(2);

    // Every webhook subscriber has every message; a repeat only with the same idempotency key.
    Set<String> alerts = reference.eventsToDeliver();
    long deliveryDeadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deliveryDeadline
        && hooks.stream()
            .anyMatch(
                hook ->
                    !receiver.receivedAt(hook).stream()
                        .map(WebhookReceiver.Received::event)
                        .collect(Collectors.toSet())
                        .containsAll(alerts))) {
      Thread.sleep(250);
    }
    // The phone has every event that warned its area, each once (a repeat would carry the same
    // event id and CAP identifier: the key a page de-duplicates by).
    Set<String> dniproEvents = reference.eventsWarning(subscribedArea(subscribed.body()));
    assertThat(dniproEvents).as("events that warned the phone's area").isNotEmpty();
    long pushDeadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < pushDeadline && !pushedEvents(push).containsAll(dniproEvents)) {
      Thread.sleep(250);
    }
    assertThat(pushedEvents(push)).containsAll(dniproEvents);
    assertThat(push.undecryptable()).isZero();
    Map<String, Set<String>> identifiersByEvent = new TreeMap<>();
    push.received()
        .forEach(
            m ->
                identifiersByEvent
                    .computeIfAbsent(m.path("event").asText(), e -> new TreeSet<>())
                    .add(m.path("identifier").asText()));
    assertThat(identifiersByEvent.values()).allMatch(ids -> ids.size() == 1);
    for (String hook : hooks) {
      List<WebhookReceiver.Received> received = receiver.receivedAt(hook);
      assertThat(received.stream().map(WebhookReceiver.Received::event).collect(Collectors.toSet()))
          .as("events delivered to %s", hook)
          .containsAll(alerts);
      Map<String, Set<String>> keysByEvent = new TreeMap<>();
      received.forEach(
          r -> keysByEvent.computeIfAbsent(r.event(), e -> new TreeSet<>()).add(r.deliveryKey()));
      assertThat(keysByEvent.values()).allMatch(k -> k.size() == 1);
    }
  }

  private NodeProcess start(String name, Path home, List<String> serve) throws IOException {
    NodeProcess node = NodeProcess.start(name, freePort(), home, serve);
    open.add(node);
    open.add(() -> keepLog(node));
    return node;
  }

  /** Keeps a node's log beside the test reports, for whoever reads a failure. */
  private static void keepLog(NodeProcess node) throws IOException {
    Path logs = Files.createDirectories(Path.of("target", "cluster-logs"));
    Files.copy(
        node.log,
        logs.resolve(node.name + ".log"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  private NodeProcess living(List<NodeProcess> nodes) {
    return nodes.stream().filter(NodeProcess::alive).findFirst().orElseThrow();
  }

  /** The node whose /health says it runs the engine, once exactly one does. */
  private static NodeProcess awaitEngine(List<NodeProcess> nodes, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      List<NodeProcess> engines = new ArrayList<>();
      for (NodeProcess node : nodes) {
        JsonNode health = node.alive() ? node.health() : null;
        if (health != null && health.path("engine").asBoolean()) {
          engines.add(node);
        }
      }
      if (engines.size() == 1) {
        return engines.get(0);
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no single engine's node within " + timeout);
  }

  /**
   * Waits until the living nodes' delivery partitions are disjoint and, together, all of them:
   * every subscriber is delivered to by exactly one node.
   */
  private static void awaitDeliveryPartitionsSharedOut(List<NodeProcess> nodes, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Integer> all = new ArrayList<>();
    String seen = "";
    while (System.nanoTime() < deadline) {
      all.clear();
      StringBuilder shares = new StringBuilder();
      for (NodeProcess node : nodes) {
        JsonNode health = node.alive() ? node.health() : null;
        if (health != null) {
          health.path("deliveryPartitions").forEach(p -> all.add(p.asInt()));
          shares.append(node.name).append('=').append(health.path("deliveryPartitions"));
        }
      }
      seen = shares.toString();
      if (all.size() == 12 && new TreeSet<>(all).size() == 12) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("delivery partitions not shared out within " + timeout + ": " + seen);
  }

  private static Set<String> pushedEvents(PushService push) {
    return push.received().stream().map(m -> m.path("event").asText()).collect(Collectors.toSet());
  }

  /** The area the push subscription was made for, from the server's answer. */
  private static String subscribedArea(String body) throws IOException {
    return new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(body)
        .path("areas")
        .get(0)
        .asText();
  }

  /** The "accepted" count of the replay's summary line. */
  private static int acknowledgedReports(String out) {
    java.util.regex.Matcher matcher =
        java.util.regex.Pattern.compile("Done: .* and (\\d+) of \\d+ reports acknowledged")
            .matcher(out);
    assertThat(matcher.find()).as("replay summary in:\n%s", out).isTrue();
    return Integer.parseInt(matcher.group(1));
  }

  /** Why {@code node}'s warnings differ from one node's given the commands it took; or null. */
  private static String compare(NodeProcess node, Reference reference) {
    JsonNode before = node.health();
    JsonNode alerts = node.getJson("/api/v1/alerts");
    JsonNode after = node.health();
    if (before == null || alerts == null || after == null) {
      return "did not answer";
    }
    long position = before.path("sharedLogPosition").asLong();
    if (position != after.path("sharedLogPosition").asLong()) {
      return "moving";
    }
    Set<String> served = new TreeSet<>();
    for (JsonNode alert : alerts.path("alerts")) {
      for (JsonNode area : alert.path("areas")) {
        served.add(
            alert.path("threat").asText()
                + " "
                + area.path("id").asText()
                + " "
                + area.path("level").asText());
      }
    }
    Set<String> expected = reference.inForceAt(position);
    return served.equals(expected)
        ? null
        : "at " + position + " served " + served + " one node " + expected;
  }

  private Path bundledDnipro() throws IOException {
    Path file = dir.resolve("dnipro-2024-11-21.yaml");
    try (InputStream in =
        Main.class.getResourceAsStream("/org/tocsin/scenarios/dnipro-2024-11-21.yaml")) {
      assertThat(in).as("the bundled Dnipro scenario").isNotNull();
      Files.copy(in, file);
    }
    return file;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /**
   * One node's engine, fed the shared log's commands at the log's times: what a single node would
   * warn for, after each position.
   */
  private static final class Reference implements AutoCloseable {
    private final KafkaBus bus;
    private final RecordLog<LoggedCommand> commands;
    private final LogReader<LoggedCommand> reader;
    private final ExecutorService predictions = Executors.newFixedThreadPool(1);
    private final LiveWarnings live;
    private final Map<Long, Set<String>> inForceAfter = new HashMap<>();
    private long reports;
    private long position = -1;
    private boolean everWarned;

    Reference(KafkaSettings settings) {
      this.bus = KafkaBus.connect(settings, "reference");
      this.commands = bus.commands(new CommandCodec());
      this.reader = commands.reader(0);
      this.live =
          LiveWarnings.shared(
              new WarningPipeline(Policy.DEFAULT, AreaSets.load(AREAS), predictions)
                  .withThreatIdPrefix(ClusterNode.threatIdPrefix(bus)),
              Clock.systemUTC(),
              AlertStatus.EXERCISE,
              command -> {
                throw new UnsupportedOperationException("the reference only reads");
              });
    }

    /** Reads the log up to {@code upTo} (or its end) and returns the reports it held. */
    long reportsUpTo(long upTo) {
      while (position < upTo) {
        List<LogRecord<LoggedCommand>> records = reader.poll(Duration.ofMillis(500));
        if (records.isEmpty()) {
          if (reader.position() >= reader.end()) {
            break;
          }
          continue;
        }
        for (LogRecord<LoggedCommand> record : records) {
          org.tocsin.node.Command command = record.value().command(record.time());
          if (command instanceof org.tocsin.node.Command.Batch batch) {
            reports += batch.reports().size();
          }
          live.applyShared(record.offset(), command);
          position = record.offset();
          Set<String> inForce = new TreeSet<>();
          for (Map.Entry<String, List<AreaWarning>> threat : live.inForce().entrySet()) {
            for (AreaWarning warning : threat.getValue()) {
              inForce.add(threat.getKey() + " " + warning.areaId() + " " + warning.level().id());
            }
          }
          everWarned |= !inForce.isEmpty();
          inForceAfter.put(record.offset(), inForce);
        }
      }
      return reports;
    }

    Set<String> inForceAt(long at) {
      reportsUpTo(at);
      return inForceAfter.getOrDefault(at, Set.of());
    }

    boolean everWarned() {
      return everWarned;
    }

    /** The alert events one node decided, in order, from the commands read so far. */
    List<String> events() {
      return live.eventsAfter(0).stream().map(e -> e.event().id()).toList();
    }

    /** The events whose warnings name {@code areaId}. */
    Set<String> eventsWarning(String areaId) {
      return live.eventsAfter(0).stream()
          .filter(e -> e.event().areas().stream().anyMatch(w -> w.areaId().equals(areaId)))
          .map(e -> e.event().id())
          .collect(Collectors.toSet());
    }

    /** The events that put warnings in force: every subscriber must have them. */
    Set<String> eventsToDeliver() {
      return live.eventsAfter(0).stream()
          .filter(e -> !e.event().areas().isEmpty())
          .map(e -> e.event().id())
          .collect(Collectors.toSet());
    }

    @Override
    public void close() {
      reader.close();
      commands.close();
      predictions.shutdownNow();
    }
  }
}
