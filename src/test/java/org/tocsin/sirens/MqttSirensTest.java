package org.tocsin.sirens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tocsin.alert.AlertLevel;
import org.tocsin.alert.AlertStatus;
import org.tocsin.alert.AreaWarning;
import org.tocsin.alert.ManualAlert;
import org.tocsin.alert.ManualTemplates;
import org.tocsin.alert.MessageType;
import org.tocsin.alert.WarningPipeline;
import org.tocsin.area.AreaSet;
import org.tocsin.area.AreaSets;
import org.tocsin.node.Command;
import org.tocsin.node.LiveWarnings;
import org.tocsin.sim.Scenario;
import org.tocsin.sim.ScenarioLoader;
import org.tocsin.sim.ScenarioTruth;
import org.tocsin.sim.SyntheticSensors;
import org.tocsin.store.MutableClock;
import org.tocsin.track.Observation;

/**
 * The sirens' states on the real Mosquitto broker of this machine (127.0.0.1:1883), and on one the
 * test starts, stops and starts again. Each test publishes under a topic root of its own and clears
 * the retained messages it left.
 */
class MqttSirensTest {

  private static final String BROKER = "tcp://127.0.0.1:1883";
  private static final AreaSet AREAS = AreaSets.bundled("ua-hromadas");
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  private final String root = "tocsin-test-" + UUID.randomUUID().toString().substring(0, 8);
  private final String filter = root + "/" + AREAS.id() + "/+";
  private final List<AutoCloseable> toClose = new java.util.ArrayList<>();

  @AfterEach
  void closeAndClearRetained() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
    try (MqttProbe cleaner = MqttProbe.subscribe(BROKER, root + "/#")) {
      Thread.sleep(300); // the retained messages arrive after the subscription
      cleaner.clearRetained();
    }
  }

  private <T extends AutoCloseable> T closing(T resource) {
    toClose.add(resource);
    return resource;
  }

  private String topic(String area) {
    return root + "/" + AREAS.id() + "/" + area;
  }

  private MqttSirens sirens(LiveWarnings live, String broker) {
    return closing(MqttSirens.start(live, AREAS, MqttSettings.of(broker).withTopicRoot(root)));
  }

  /** Each area's highest level in force, worked out here from the live warnings. */
  private Map<String, String> expectedLevels(LiveWarnings live) {
    Map<String, String> levels = new TreeMap<>();
    for (List<AreaWarning> warnings : live.inForce().values()) {
      for (AreaWarning warning : warnings) {
        levels.merge(
            topic(warning.areaId()), warning.level().id(), (a, b) -> a.equals("shelter") ? a : b);
      }
    }
    return levels;
  }

  private static Map<String, String> warnedLevels(Map<String, JsonNode> latest) {
    Map<String, String> levels = new TreeMap<>();
    latest.forEach(
        (topic, payload) -> {
          if (!payload.get("level").asText().equals("none")) {
            levels.put(topic, payload.get("level").asText());
          }
        });
    return levels;
  }

  @Test
  void aScenarioReplayShowsTheWarnedAreasThenNoneAfterTheAllClear() throws Exception {
    Scenario scenario = ScenarioLoader.load(Path.of("scenarios/kharkiv-srbm.yaml"));
    MutableClock clock = new MutableClock(scenario.start());
    LiveWarnings live =
        new LiveWarnings(
            new WarningPipeline(scenario.policy(), AREAS), clock, AlertStatus.EXERCISE, 1);
    MqttProbe controller = closing(MqttProbe.subscribe(BROKER, filter));
    sirens(live, BROKER);
    TreeMap<Instant, List<Observation>> batches =
        Observation.byArrival(SyntheticSensors.observe(scenario, ScenarioTruth.of(scenario)));

    Map<String, String> expected = Map.of();
    Instant last = scenario.start();
    for (Map.Entry<Instant, List<Observation>> batch : batches.entrySet()) {
      clock.set(batch.getKey());
      live.ingest(batch.getValue());
      last = batch.getKey();
      if (!live.inForce().isEmpty() && expected.isEmpty()) {
        // While the threat flies: the controller sees exactly the areas in force, and their level.
        expected = expectedLevels(live);
        Map<String, String> wanted = expected;
        controller.awaitLatest(latest -> warnedLevels(latest).equals(wanted), PATIENCE);
      }
    }
    assertThat(expected).containsValue("shelter");
    Map<String, String> atImpact = expectedLevels(live);
    controller.awaitLatest(latest -> warnedLevels(latest).equals(atImpact), PATIENCE);
    assertThat(controller.latest().values())
        .allSatisfy(
            payload -> {
              assertThat(payload.get("status").asText()).isEqualTo("Exercise");
              assertThat(payload.get("updated").asText()).isNotEmpty();
            });

    for (Instant at = last; !live.inForce().isEmpty(); at = at.plusSeconds(1)) {
      clock.set(at);
      live.tick();
      assertThat(at).isBefore(last.plus(Duration.ofHours(1)));
    }
    Map<String, JsonNode> cleared =
        controller.awaitLatest(
            latest ->
                latest.values().stream().allMatch(p -> p.get("level").asText().equals("none")),
            PATIENCE);
    assertThat(cleared.keySet()).containsAll(atImpact.keySet());
    assertThat(cleared.values())
        .allSatisfy(
            payload -> {
              assertThat(payload.get("threats")).isEmpty();
              assertThat(payload.get("earliestArrival").isNull()).isTrue();
            });

    // A controller that connects now reads the all-clear at once, from what the broker retains.
    try (MqttProbe late = MqttProbe.subscribe(BROKER, filter)) {
      Map<String, JsonNode> retained =
          late.awaitLatest(latest -> latest.keySet().containsAll(atImpact.keySet()), PATIENCE);
      assertThat(retained.values())
          .allSatisfy(p -> assertThat(p.get("level").asText()).isEqualTo("none"));
      assertThat(late.on(topic(areaOf(atImpact))))
          .allSatisfy(r -> assertThat(r.retained()).isTrue());
    }
  }

  private String areaOf(Map<String, String> levelsByTopic) {
    String topic = levelsByTopic.keySet().iterator().next();
    return topic.substring(topic.lastIndexOf('/') + 1);
  }

  private static ManualAlert alert(String threat, AlertLevel level, String... areas) {
    return new ManualAlert(
        threat,
        AlertStatus.EXERCISE,
        level,
        List.of(areas),
        Duration.ofMinutes(10),
        ManualTemplates.forStatus(AlertStatus.EXERCISE).get(0).text());
  }

  private LiveWarnings manualLive(MutableClock clock) {
    return new LiveWarnings(
        new WarningPipeline(org.tocsin.alert.Policy.DEFAULT, AREAS),
        clock,
        AlertStatus.EXERCISE,
        1);
  }

  @Test
  void aControllerThatConnectsLateGetsTheRetainedTruthAtOnce() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-12-02T09:00:00Z"));
    LiveWarnings live = manualLive(clock);
    String a = AREAS.areas().get(0).id();
    String b = AREAS.areas().get(1).id();
    MqttSirens sirens = sirens(live, BROKER);
    live.execute(new Command.Issue(alert("M1", AlertLevel.SHELTER, a), live.now()));
    live.execute(new Command.Issue(alert("M2", AlertLevel.PREPARE, b), live.now()));
    clock.advance(Duration.ofSeconds(30));
    live.execute(new Command.StandDown("M2", MessageType.CANCEL, live.now()));
    awaitDrained(sirens);

    try (MqttProbe late = MqttProbe.subscribe(BROKER, filter)) {
      Map<String, JsonNode> retained = late.awaitLatest(latest -> latest.size() == 2, PATIENCE);
      JsonNode shelter = retained.get(topic(a));
      assertThat(shelter.get("level").asText()).isEqualTo("shelter");
      assertThat(shelter.get("status").asText()).isEqualTo("Exercise");
      assertThat(shelter.get("threats").get(0).asText()).isEqualTo("M1");
      assertThat(Instant.parse(shelter.get("earliestArrival").asText()))
          .isEqualTo(Instant.parse("2026-12-02T09:10:00Z"));
      assertThat(retained.get(topic(b)).get("level").asText()).isEqualTo("none");
      assertThat(late.on(topic(a))).hasSize(1).allSatisfy(r -> assertThat(r.retained()).isTrue());
    }
  }

  @Test
  void aDeadBrokerNeverHoldsTheEngineAndOnlyTheLatestStateOfEachAreaWaits() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-12-02T09:00:00Z"));
    LiveWarnings live = manualLive(clock);
    MqttSirens sirens = sirens(live, "tcp://127.0.0.1:" + freePort());
    List<String> areas = AREAS.areas().stream().limit(3).map(area -> area.id()).toList();

    for (int round = 0; round < 40; round++) {
      live.execute(
          new Command.Issue(
              alert("M" + round, AlertLevel.SHELTER, areas.toArray(String[]::new)), live.now()));
      clock.advance(Duration.ofSeconds(1));
      live.execute(new Command.StandDown("M" + round, MessageType.CANCEL, live.now()));
    }
    live.execute(new Command.Issue(alert("LAST", AlertLevel.PREPARE, areas.get(0)), live.now()));

    assertThat(sirens.connected()).isFalse();
    assertThat(sirens.waiting()).isEqualTo(3);
    assertThat(live.inForce()).containsOnlyKeys("LAST");
  }

  @Test
  void afterTheBrokerRestartsTheWarnedAreasAndThoseChangedMeanwhileArePublishedAgain()
      throws Exception {
    int port = freePort();
    String broker = "tcp://127.0.0.1:" + port;
    Path config = Files.createTempFile("mosquitto-", ".conf");
    Files.writeString(
        config, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n");
    Mosquitto mosquitto = closing(new Mosquitto(config, port));
    MutableClock clock = new MutableClock(Instant.parse("2026-12-02T09:00:00Z"));
    LiveWarnings live = manualLive(clock);
    String a = AREAS.areas().get(0).id();
    String b = AREAS.areas().get(1).id();
    MqttSirens sirens = sirens(live, broker);
    live.execute(new Command.Issue(alert("M1", AlertLevel.SHELTER, a), live.now()));
    live.execute(new Command.Issue(alert("M2", AlertLevel.SHELTER, b), live.now()));
    awaitDrained(sirens);
    try (MqttProbe before = MqttProbe.subscribe(broker, filter)) {
      before.awaitLatest(latest -> warnedLevels(latest).size() == 2, PATIENCE);
    }

    mosquitto.kill();
    awaitDisconnected(sirens);
    clock.advance(Duration.ofSeconds(20));
    live.execute(
        new Command.StandDown("M2", MessageType.ALL_CLEAR, live.now())); // while the broker is down
    mosquitto.start(); // without persistence: it retains nothing now

    try (MqttProbe after = MqttProbe.subscribe(broker, filter)) {
      Map<String, JsonNode> latest =
          after.awaitLatest(
              l ->
                  l.containsKey(topic(a))
                      && l.containsKey(topic(b))
                      && l.get(topic(b)).get("level").asText().equals("none"),
              Duration.ofSeconds(60));
      assertThat(latest.get(topic(a)).get("level").asText()).isEqualTo("shelter");
    }
  }

  @Test
  void aStateLeftOnTheBrokerByAnEarlierRunIsCorrectedWhenTheSirensConnect() throws Exception {
    String stale = AREAS.areas().get(2).id();
    String warned = AREAS.areas().get(3).id();
    try (MqttProbe earlierRun = MqttProbe.subscribe(BROKER, filter)) {
      SirenState shelter =
          new SirenState(
              SirenLevel.SHELTER,
              AlertStatus.EXERCISE,
              List.of("OLD"),
              java.util.Optional.of(Instant.parse("2026-12-01T00:00:00Z")),
              Instant.parse("2026-12-01T00:00:00Z"));
      earlierRun.publishRetained(topic(stale), shelter.json());
      earlierRun.publishRetained(topic(warned), shelter.json());
    }
    MutableClock clock = new MutableClock(Instant.parse("2026-12-02T09:00:00Z"));
    LiveWarnings live = manualLive(clock);
    live.execute(
        new Command.Issue(
            alert("M1", AlertLevel.PREPARE, warned),
            live.now())); // in force before the sirens start
    sirens(live, BROKER);

    try (MqttProbe controller = MqttProbe.subscribe(BROKER, filter)) {
      Map<String, JsonNode> latest =
          controller.awaitLatest(
              l ->
                  l.containsKey(topic(stale))
                      && l.get(topic(stale)).get("level").asText().equals("none")
                      && l.containsKey(topic(warned))
                      && l.get(topic(warned)).get("level").asText().equals("prepare"),
              PATIENCE);
      assertThat(latest.get(topic(warned)).get("threats").get(0).asText()).isEqualTo("M1");
    }
  }

  @Test
  void aBrokerThatWantsAPasswordGetsTheOneConfigured() throws Exception {
    int port = freePort();
    String broker = "tcp://127.0.0.1:" + port;
    // Made by mosquitto_passwd itself, readable by the broker, which runs as another user for root.
    Path passwords = Files.createTempFile("mosquitto-", ".passwd");
    Files.delete(passwords);
    Process passwd =
        new ProcessBuilder(
                "mosquitto_passwd", "-c", "-b", passwords.toString(), "siren-hub", "s3cret")
            .redirectErrorStream(true)
            .start();
    assertThat(passwd.waitFor()).as(new String(passwd.getInputStream().readAllBytes())).isZero();
    Path config = Files.createTempFile("mosquitto-", ".conf");
    Files.writeString(
        config,
        "listener "
            + port
            + " 127.0.0.1\nallow_anonymous false\npassword_file "
            + passwords
            + "\npersistence false\n");
    closing(new Mosquitto(config, port));
    closing(() -> Files.deleteIfExists(passwords));
    MutableClock clock = new MutableClock(Instant.parse("2026-12-02T09:00:00Z"));
    LiveWarnings live = manualLive(clock);
    String a = AREAS.areas().get(0).id();
    closing(
        MqttSirens.start(
            live,
            AREAS,
            MqttSettings.of(broker)
                .withTopicRoot(root)
                .withCredentials(
                    new MqttSettings.Credentials("siren-hub", "s3cret".toCharArray()))));
    live.execute(new Command.Issue(alert("M1", AlertLevel.SHELTER, a), live.now()));

    assertThatThrownBy(() -> MqttProbe.subscribe(broker, filter))
        .as("the broker refuses anonymous clients")
        .isInstanceOf(org.eclipse.paho.client.mqttv3.MqttException.class);
    try (MqttProbe controller =
        MqttProbe.subscribe(broker, filter, "siren-hub", "s3cret".toCharArray())) {
      controller.awaitLatest(
          l -> l.containsKey(topic(a)) && l.get(topic(a)).get("level").asText().equals("shelter"),
          PATIENCE);
    }
  }

  private static void awaitDrained(MqttSirens sirens) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!sirens.connected() || sirens.waiting() > 0) {
      assertThat(System.nanoTime()).as("sirens drained in time").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private static void awaitDisconnected(MqttSirens sirens) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (sirens.connected()) {
      assertThat(System.nanoTime()).as("disconnection seen in time").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** A Mosquitto broker of the test's own, which it can kill and start again on the same port. */
  private static final class Mosquitto implements AutoCloseable {
    private final Path config;
    private final int port;
    private Process process;

    Mosquitto(Path config, int port) throws Exception {
      this.config = config;
      this.port = port;
      start();
    }

    void start() throws Exception {
      process =
          new ProcessBuilder(executable(), "-c", config.toString())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      while (true) {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
          assertThat(socket.isConnected()).isTrue();
          return;
        } catch (IOException notYet) {
          assertThat(process.isAlive()).as("mosquitto running").isTrue();
          assertThat(System.nanoTime()).as("mosquitto listening in time").isLessThan(deadline);
          Thread.sleep(20);
        }
      }
    }

    /** Debian installs it in /usr/sbin, which a user's PATH may lack. */
    private static String executable() {
      Path sbin = Path.of("/usr/sbin/mosquitto");
      return Files.isExecutable(sbin) ? sbin.toString() : "mosquitto";
    }

    void kill() throws InterruptedException {
      process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws IOException {
      process.destroyForcibly();
      Files.deleteIfExists(config);
    }
  }
}
