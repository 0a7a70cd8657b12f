package org.tocsin.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.tocsin.alert.AlertStatus;
import org.tocsin.area.AreaSet;
import org.tocsin.area.AreaSets;
import org.tocsin.atlas.AtlasLayer;
import org.tocsin.atlas.AtlasLayerReader;
import org.tocsin.bus.KafkaSettings;
import org.tocsin.ingest.ReportWindow;
import org.tocsin.node.ScenarioReplay;
import org.tocsin.sim.Scenario;
import org.tocsin.sirens.MqttSettings;
import org.tocsin.store.Database;
import org.tocsin.web.PublicKeys;
import org.tocsin.web.ServerOptions;
import org.tocsin.web.UpstreamAuthorities;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tocsin serve}: the server, journalling every report before it acknowledges it. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the server: report ingest for sensors with API keys (tocsin sensor add), the read"
          + " API, the event stream, CAP and the public page. Every acknowledged report is in"
          + " the journal, and a restart (a crash included) replays it to bring the warnings"
          + " back."
    })
final class ServeCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default: 8080).")
  int port;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      defaultValue = ServerOptions.LOOPBACK,
      description =
          "The IP address to listen on (default: 127.0.0.1, this machine only, as behind a"
              + " reverse proxy on the same host; 0.0.0.0 for every address).")
  String bind;

  @Option(
      names = "--trusted-proxy",
      paramLabel = "ADDRESS",
      description =
          "The IP address of a reverse proxy in front of the server, whose X-Forwarded-For"
              + " names the client for the login throttle and the journal. Repeatable. Without"
              + " it, the client is the TCP peer and X-Forwarded-For is ignored.")
  List<String> trustedProxies = new ArrayList<>();

  @Option(
      names = "--public-url",
      paramLabel = "URL",
      description =
          "The address people and systems reach this server at (behind a proxy, its public one):"
              + " the base of every absolute link, in the ATOM feed and the CAP messages"
              + " (default: http://localhost:PORT).")
  String publicUrl;

  @Mixin DatabaseOption db = new DatabaseOption();

  @Option(
      names = "--areas",
      defaultValue = "ua-hromadas",
      description = "Warning-area set: a bundled id or a GeoJSON path (default: ua-hromadas).")
  String areas;

  @Option(
      names = "--report-max-age",
      paramLabel = "SECONDS",
      defaultValue = "600",
      description =
          "How late a report may arrive after its time, against the server's clock; older ones are"
              + " refused before they are journalled (default: 600).")
  long reportMaxAgeS;

  @Option(
      names = "--report-max-lead",
      paramLabel = "SECONDS",
      defaultValue = "30",
      description =
          "How far ahead of the server's clock a report may be dated: the sensors' clock skew"
              + " (default: 30).")
  long reportMaxLeadS;

  @Option(
      names = "--max-connections-per-client",
      paramLabel = "N",
      defaultValue = "1024",
      description =
          "The most connections one client address may hold open (default: 1024). Behind a"
              + " reverse proxy every client shares its address: raise it to the proxy's limit.")
  int maxConnectionsPerClient;

  @Option(
      names = "--max-event-clients",
      paramLabel = "N",
      defaultValue = "" + ServerOptions.DEFAULT_MAX_EVENT_CLIENTS,
      description =
          "The most event-stream clients (GET /api/v1/events) served at once; beyond, 503 with"
              + " Retry-After (default: 20000). Each holds a file descriptor: raise ulimit -n to"
              + " match.")
  int maxEventClients;

  @Option(
      names = "--status",
      defaultValue = "actual",
      description = "actual, exercise or test: carried on every message (default: actual).")
  String status;

  @Option(
      names = "--trust-cap-key",
      paramLabel = "FILE",
      description =
          "A public key (X.509 SubjectPublicKeyInfo, DER or PEM; EC or RSA) whose signatures make"
              + " upstream CAP trusted. Repeatable. Signed upstream CAP must verify with one.")
  List<Path> trustedCapKeys = new ArrayList<>();

  @Option(
      names = "--atlas",
      paramLabel = "FILE",
      description =
          "A shelter-time atlas (the atlas.geojson that tocsin atlas --out writes): the page"
              + " offers it as the \"time to shelter\" layer and gives \"My area\" its planning"
              + " figure.")
  Path atlas;

  @Option(
      names = "--upstream-relay",
      defaultValue = "approve",
      paramLabel = "auto|approve",
      description =
          "How upstream authorities' CAP alerts reach the public: auto relays each at once;"
              + " approve makes each a draft that an approver must approve (default: approve).")
  String upstreamRelay;

  @Option(
      names = "--kafka",
      paramLabel = "HOST:PORT[,HOST:PORT...]",
      description =
          "Joins a cluster of nodes on these Kafka brokers, sharing the PostgreSQL database of"
              + " --db: every node takes reports, serves the page, the API and the event stream,"
              + " and one of them runs the engine's publication at a time. Without it, this is a"
              + " single node.")
  String kafka;

  @Option(
      names = "--kafka-replicas",
      paramLabel = "N",
      defaultValue = "3",
      description =
          "How many brokers keep each of the cluster's topics (default: 3, of which 2 must hold"
              + " a report before it is acknowledged; 1 for a single broker).")
  short kafkaReplicas;

  @Option(
      names = "--kafka-prefix",
      paramLabel = "PREFIX",
      defaultValue = "",
      description =
          "Put before the names of the cluster's topics and groups (tocsin.reports,"
              + " tocsin.events, tocsin.engine), so that several clusters share brokers"
              + " (default: none).")
  String kafkaPrefix;

  @Option(
      names = "--node-name",
      paramLabel = "NAME",
      description =
          "This node's name in the brokers' logs: 1 to 64 of a-z, A-Z, 0-9, '.', '_', '-'"
              + " (default: node-PORT).")
  String nodeName;

  @Mixin CapSenderOption sender = new CapSenderOption();

  @Mixin MqttOption mqtt = new MqttOption();

  @Mixin ReplayOption replay = new ReplayOption();

  @Override
  public Integer call() throws InterruptedException {
    AlertStatus alertStatus =
        replay.status(
            status(status), spec.commandLine().getParseResult().hasMatchedOption("--status"));
    UpstreamAuthorities.RelayMode relayMode = upstreamRelayMode(upstreamRelay);
    String capSender = sender.checked();
    ReportWindow window = reportWindow();
    Optional<MqttSettings> sirenBroker = mqtt.settings();
    Optional<Scenario> scenarioToReplay = replay.scenario();
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("--port: must be within [0, 65535], was " + port);
    }
    ServerOptions.requireIpAddress("bind address (--bind)", bind);
    ServerOptions.requireMaxEventClients(maxEventClients);
    trustedProxies.forEach(proxy -> ServerOptions.requireIpAddress("--trusted-proxy", proxy));
    List<java.security.PublicKey> capKeys = trustedCapKeys.stream().map(PublicKeys::read).toList();
    Optional<Server.Cluster> cluster = cluster(scenarioToReplay.isPresent());
    AreaSet areaSet = AreaSets.load(areas);
    Optional<AtlasLayer> atlasLayer = Optional.ofNullable(atlas).map(AtlasLayerReader::read);
    Clock clock = Clock.systemUTC();
    Optional<ScenarioReplay> rehearsal =
        scenarioToReplay.map(scenario -> replay.prepare(scenario, areaSet, clock));
    Server.Settings settings =
        new Server.Settings(
            alertStatus,
            areaSet,
            port,
            bind,
            java.util.Set.copyOf(trustedProxies),
            Optional.ofNullable(publicUrl),
            window,
            maxConnectionsPerClient,
            maxEventClients,
            capKeys,
            relayMode,
            capSender,
            atlasLayer,
            sirenBroker,
            Server.Settings.everyStatus(),
            rehearsal,
            cluster);
    try (Database database = db.open(false);
        Server server = Server.start(settings, database, clock)) {
      spec.commandLine()
          .getOut()
          .printf(
              "Tocsin (%s) on %s: %d reports replayed from the journal. Listening on %s%n",
              alertStatus.capName(),
              database.redactedUrl(),
              server.reportsReplayed(),
              server.listeningUrl());
      rehearsal.ifPresent(
          scenarioReplay ->
              spec.commandLine()
                  .getOut()
                  .printf(
                      "Replaying %s at %sx as an EXERCISE.%n",
                      replay.scenario, scenarioReplay.speed()));
      spec.commandLine().getOut().flush();
      new CountDownLatch(1).await();
    }
    return 0;
  }

  /**
   * The cluster to join, checked: a shared PostgreSQL database, no rehearsal (a cluster's log is
   * real; rehearse it from outside with tocsin replay).
   */
  private Optional<Server.Cluster> cluster(boolean rehearsing) {
    if (kafka == null) {
      return Optional.empty();
    }
    if (db.url == null || !db.url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          "--kafka: the nodes of a cluster share one database: give it with --db"
              + " jdbc:postgresql://HOST/NAME");
    }
    if (rehearsing) {
      throw new IllegalArgumentException(
          "--kafka: a cluster does not rehearse with --replay; post a scenario's reports to any"
              + " node with tocsin replay SCENARIO --to URL");
    }
    if (kafkaReplicas < 1 || kafkaReplicas > 16) {
      throw new IllegalArgumentException(
          "--kafka-replicas: must be within [1, 16], was " + kafkaReplicas);
    }
    KafkaSettings settings;
    try {
      KafkaSettings production = KafkaSettings.production(kafka);
      settings =
          new KafkaSettings(
                  production.bootstrapServers(),
                  production.reportsTopic(),
                  production.eventsTopic(),
                  production.engineGroup(),
                  production.deliveryTopic(),
                  production.deliveryGroup(),
                  kafkaReplicas,
                  Math.min(2, kafkaReplicas),
                  production.appendTimeout())
              .withNamePrefix(kafkaPrefix);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--kafka: " + e.getMessage(), e);
    }
    String name = nodeName != null ? nodeName : "node-" + port;
    if (!name.matches("[a-zA-Z0-9._-]{1,64}")) {
      throw new IllegalArgumentException(
          "--node-name: must be 1 to 64 of a-z, A-Z, 0-9, '.', '_', '-', was '" + name + "'");
    }
    return Optional.of(new Server.Cluster(settings, name));
  }

  private ReportWindow reportWindow() {
    if (reportMaxAgeS < 1 || reportMaxAgeS > 86_400) {
      throw new IllegalArgumentException(
          "--report-max-age: must be within [1, 86400] seconds, was " + reportMaxAgeS);
    }
    if (reportMaxLeadS < 0 || reportMaxLeadS > 3_600) {
      throw new IllegalArgumentException(
          "--report-max-lead: must be within [0, 3600] seconds, was " + reportMaxLeadS);
    }
    return new ReportWindow(
        Duration.ofSeconds(reportMaxAgeS),
        Duration.ofSeconds(reportMaxLeadS),
        ReportWindow.DEFAULT.maxLaunchAge());
  }

  private static AlertStatus status(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "actual" -> AlertStatus.ACTUAL;
      case "exercise" -> AlertStatus.EXERCISE;
      case "test" -> AlertStatus.TEST;
      default ->
          throw new IllegalArgumentException(
              "--status: must be actual, exercise or test, was '" + text + "'");
    };
  }

  /**
   * @throws IllegalArgumentException naming the option and its values when it is neither
   */
  static UpstreamAuthorities.RelayMode upstreamRelayMode(String value) {
    for (UpstreamAuthorities.RelayMode mode : UpstreamAuthorities.RelayMode.values()) {
      if (mode.id().equals(value)) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        "--upstream-relay: must be auto or approve, was '" + value + "'");
  }
}
