package org.tocsin.cli;

import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.tocsin.alert.AlertStatus;
import org.tocsin.alert.Policy;
import org.tocsin.alert.WarningPipeline;
import org.tocsin.area.AreaSet;
import org.tocsin.atlas.AtlasLayer;
import org.tocsin.bus.KafkaSettings;
import org.tocsin.cap.CapIssuer;
import org.tocsin.cluster.ClusterNode;
import org.tocsin.delivery.DeliveryPartitions;
import org.tocsin.delivery.DeliveryWorker;
import org.tocsin.delivery.PushSubscriptions;
import org.tocsin.delivery.webpush.VapidKeys;
import org.tocsin.ingest.ReportWindow;
import org.tocsin.node.LiveWarnings;
import org.tocsin.node.NodeRoles;
import org.tocsin.node.Recovery;
import org.tocsin.node.ScenarioReplay;
import org.tocsin.node.StoreJournal;
import org.tocsin.sirens.MqttSettings;
import org.tocsin.sirens.MqttSirens;
import org.tocsin.store.Accounts;
import org.tocsin.store.Database;
import org.tocsin.store.Journal;
import org.tocsin.store.JournalIdentity;
import org.tocsin.store.KeyHolder;
import org.tocsin.store.SensorKeys;
import org.tocsin.store.StoreException;
import org.tocsin.store.UpstreamMessages;
import org.tocsin.store.UpstreamRelays;
import org.tocsin.web.OperatorAuth;
import org.tocsin.web.ServerOptions;
import org.tocsin.web.SigningKeys;
import org.tocsin.web.UpstreamAuthorities;
import org.tocsin.web.WebServer;

/**
 * A running server as {@code tocsin serve} assembles it on a database: the journal and its replay,
 * the live warnings, the web server, delivery to every channel, the sirens, the clock's ticks and,
 * for a rehearsal, a scenario's reports. {@code tocsin demo} is the same server on a temporary
 * database, replaying the Dnipro reconstruction in a loop, so the demo shows exactly what a server
 * does.
 */
final class Server implements AutoCloseable {

  /** An operator's session ends after this long without a request. */
  static final Duration IDLE_TIMEOUT = Duration.ofMinutes(15);

  /**
   * What a server is made of, checked by the command before anything starts.
   *
   * @param status the status of the server's own warnings
   * @param publicUrl the base of absolute links, or empty for {@code http://localhost:PORT}
   * @param draftStatuses the statuses operators may draft (the demo: Exercise and Test only)
   * @param rehearsal a scenario's reports to run through the server, prepared on the area set
   * @param cluster the cluster to join on Kafka; empty for a single node
   */
  record Settings(
      AlertStatus status,
      AreaSet areas,
      int port,
      String bindAddress,
      Set<String> trustedProxies,
      Optional<String> publicUrl,
      ReportWindow reportWindow,
      int maxConnectionsPerClient,
      int maxEventClients,
      List<PublicKey> trustedCapKeys,
      UpstreamAuthorities.RelayMode upstreamRelay,
      String capSender,
      Optional<AtlasLayer> atlas,
      Optional<MqttSettings> sirens,
      Set<AlertStatus> draftStatuses,
      Optional<ScenarioReplay> rehearsal,
      Optional<Cluster> cluster) {

    Settings {
      trustedProxies = Set.copyOf(trustedProxies);
      trustedCapKeys = List.copyOf(trustedCapKeys);
      draftStatuses = Set.copyOf(draftStatuses);
    }

    static Set<AlertStatus> everyStatus() {
      return EnumSet.allOf(AlertStatus.class);
    }
  }

  /**
   * A cluster to join: its Kafka, and this node's name there.
   *
   * @param kafka the brokers, topics and replication
   * @param nodeName this node's name in the brokers' logs
   */
  record Cluster(KafkaSettings kafka, String nodeName) {}

  private final WebServer web;
  private final DeliveryWorker delivery;
  private final ScheduledExecutorService ticker;
  private final ExecutorService predictions;
  private final Optional<MqttSirens> sirens;
  private final Optional<ScenarioReplay> rehearsal;
  private final OperatorAuth operators;
  private final long reportsReplayed;
  private final String listeningUrl;
  private final Optional<ClusterNode> cluster;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Server(
      WebServer web,
      DeliveryWorker delivery,
      ScheduledExecutorService ticker,
      ExecutorService predictions,
      Optional<MqttSirens> sirens,
      Optional<ScenarioReplay> rehearsal,
      OperatorAuth operators,
      long reportsReplayed,
      String listeningUrl,
      Optional<ClusterNode> cluster) {
    this.web = web;
    this.delivery = delivery;
    this.ticker = ticker;
    this.predictions = predictions;
    this.sirens = sirens;
    this.rehearsal = rehearsal;
    this.operators = operators;
    this.reportsReplayed = reportsReplayed;
    this.listeningUrl = listeningUrl;
    this.cluster = cluster;
  }

  /** Starts the server on an open database, which stays the caller's to close after this server. */
  static Server start(Settings settings, Database database, Clock clock) {
    Journal journal = new Journal(database, clock);
    // A salvo's footprints are predicted on every core; the decisions stay in one order.
    ExecutorService predictions =
        Executors.newFixedThreadPool(
            Runtime.getRuntime().availableProcessors(),
            runnable -> {
              Thread thread = new Thread(runnable, "predict");
              thread.setDaemon(true);
              return thread;
            });
    Optional<ClusterNode> node = Optional.empty();
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    Optional<MqttSirens> sirens = Optional.empty();
    WebServer web = null;
    try {
      Optional<ScenarioReplay> rehearsal = settings.rehearsal();
      WarningPipeline pipeline = new WarningPipeline(Policy.DEFAULT, settings.areas(), predictions);
      LiveWarnings live;
      long replayed;
      if (settings.cluster().isPresent()) {
        Cluster cluster = settings.cluster().get();
        node = Optional.of(ClusterNode.connect(cluster.kafka(), cluster.nodeName()));
        live =
            LiveWarnings.shared(
                pipeline.withThreatIdPrefix(node.get().threatIdPrefix()),
                clock,
                settings.status(),
                node.get().sharedLog());
        replayed = 0; // the engine replays the shared log once started, on its own thread
      } else {
        live =
            new LiveWarnings(
                pipeline,
                rehearsal.map(ScenarioReplay::clock).orElse(clock),
                settings.status(),
                rehearsal.map(ScenarioReplay::speed).orElse(1.0),
                new StoreJournal(journal, ServeDelivery.CHANNELS));
        replayed = Recovery.replay(journal, live);
      }
      OperatorAuth operators =
          OperatorAuth.on(database, clock, IDLE_TIMEOUT)
              .withTrustedProxies(settings.trustedProxies())
              .withStatuses(settings.draftStatuses());
      ServerOptions options = options(settings, database, clock, operators);
      if (node.isPresent()) {
        options = options.withEvents(node.get().events()).withRoles(node.get()::roles);
      } else {
        NodeRoles single = NodeRoles.single(DeliveryPartitions.all().stream().sorted().toList());
        options = options.withRoles(() -> single);
      }
      LiveWarnings sirenSource = live;
      if (node.isEmpty()) {
        sirens =
            settings
                .sirens()
                .map(broker -> MqttSirens.start(sirenSource, settings.areas(), broker));
      }
      web = WebServer.start(live, settings.areas(), options);
      DeliveryWorker delivery =
          ServeDelivery.start(
              database,
              settings.areas(),
              settings.status(),
              options,
              web.metrics(),
              clock,
              node.map(cluster -> cluster.deliveryPartitions()).orElse(DeliveryPartitions::all));
      if (node.isPresent()) {
        ClusterNode cluster = node.get();
        cluster.start(live, journal, ServeDelivery.CHANNELS);
        // A starting node's engine replays the log first: its sirens start once it has read it
        // all, never publishing the empty state of an engine that has not caught up (retained, it
        // would silence sirens that other nodes sound).
        settings
            .sirens()
            .ifPresent(
                broker ->
                    cluster.whenCaughtUp(
                        () -> MqttSirens.start(sirenSource, settings.areas(), broker)));
      }
      Server server =
          new Server(
              web,
              delivery,
              ticker,
              predictions,
              sirens,
              rehearsal,
              operators,
              replayed,
              options.listeningUrl(web.port()),
              node);
      server.run(live);
      return server;
    } catch (RuntimeException e) {
      ticker.shutdownNow();
      sirens.ifPresent(MqttSirens::close);
      if (web != null) {
        web.close();
      }
      node.ifPresent(ClusterNode::close);
      predictions.shutdownNow();
      throw e;
    }
  }

  private static ServerOptions options(
      Settings settings, Database database, Clock clock, OperatorAuth operators) {
    SensorKeys keys = new SensorKeys(database, clock);
    ServerOptions defaults = ServerOptions.defaults(settings.port(), keys::authenticate);
    ServerOptions configured =
        settings
            .publicUrl()
            .map(defaults::withBaseUrl)
            .orElse(defaults)
            .withBindAddress(settings.bindAddress())
            .withSigningKey(SigningKeys.loadOrCreate(Database.DEFAULT_DIRECTORY))
            .withVapidKeys(VapidKeys.loadOrCreate(Database.DEFAULT_DIRECTORY))
            .withPushSubscriptions(new PushSubscriptions(database, clock))
            .withTrustedCapKeys(settings.trustedCapKeys())
            .withReportWindow(settings.reportWindow())
            .withMaxConnectionsPerClient(settings.maxConnectionsPerClient())
            .withMaxEventClients(settings.maxEventClients())
            .withUpstream(
                new UpstreamAuthorities(
                        key -> keys.authenticate(key, KeyHolder.UPSTREAM_AUTHORITY),
                        new UpstreamMessages(database, clock))
                    .withRelay(
                        new UpstreamAuthorities.Relay(
                            settings.upstreamRelay(), new UpstreamRelays(database, clock))))
            .withOperators(operators)
            .withCapIssuer(
                new CapIssuer(
                    settings.capSender(),
                    JournalIdentity.capSeries(database, clock, CapIssuer::newSeries)));
    return settings.atlas().map(configured::withAtlas).orElse(configured);
  }

  /** The clock's ticks (a rehearsal ticks on its own clock), the rehearsal, the tally's journal. */
  private void run(LiveWarnings live) {
    // On a cluster, the engine's node ticks through the shared log (ClusterNode).
    if (rehearsal.isEmpty() && cluster.isEmpty()) {
      ticker.scheduleAtFixedRate(live::tickQuietly, 1, 1, TimeUnit.SECONDS);
    }
    rehearsal.ifPresent(replay -> replay.start(live));
    ticker.scheduleAtFixedRate(
        () -> journalUnknownNameFailures(Accounts::journalDueUnknownNameFailures),
        10,
        10,
        TimeUnit.SECONDS);
  }

  int port() {
    return web.port();
  }

  /** The address the server listens on, as a URL to open: {@code http://127.0.0.1:8080/}. */
  String listeningUrl() {
    return listeningUrl;
  }

  /** How many reports the journal gave back at start. */
  long reportsReplayed() {
    return reportsReplayed;
  }

  OperatorAuth operators() {
    return operators;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    ticker.shutdownNow();
    rehearsal.ifPresent(ScenarioReplay::close);
    sirens.ifPresent(MqttSirens::close);
    try {
      delivery.close();
    } finally {
      web.close();
      cluster.ifPresent(ClusterNode::close);
      predictions.shutdownNow();
      journalUnknownNameFailures(Accounts::journalUnknownNameFailuresNow);
    }
  }

  /**
   * Journals the failed logins on unknown names gathered so far. A database that fails now loses
   * that tally rather than ending the schedule or hiding why the server stops.
   */
  private void journalUnknownNameFailures(java.util.function.Consumer<Accounts> journal) {
    try {
      journal.accept(operators.accounts());
    } catch (StoreException e) {
      System.err.println(
          "warning: failed logins on unknown names not journalled: " + e.getMessage());
    }
  }
}
