package org.tocsin.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.tocsin.alert.AlertStatus;
import org.tocsin.alert.Policy;
import org.tocsin.alert.WarningPipeline;
import org.tocsin.area.AreaSet;
import org.tocsin.area.AreaSets;
import org.tocsin.cap.CapIssuer;
import org.tocsin.store.Database;
import org.tocsin.store.Journal;
import org.tocsin.store.JournalIdentity;
import org.tocsin.store.KeyHolder;
import org.tocsin.store.SensorKeys;
import org.tocsin.store.UpstreamMessages;
import org.tocsin.web.LiveWarnings;
import org.tocsin.web.OperatorAuth;
import org.tocsin.web.PublicKeys;
import org.tocsin.web.Recovery;
import org.tocsin.web.ServerOptions;
import org.tocsin.web.SigningKeys;
import org.tocsin.web.StoreJournal;
import org.tocsin.web.UpstreamAuthorities;
import org.tocsin.web.WebServer;
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

  /** Five wrong passwords lock an account for a quarter of an hour. */
  private static final int MAX_FAILED_LOGINS = 5;

  private static final java.time.Duration LOCKOUT = java.time.Duration.ofMinutes(15);
  private static final java.time.Duration IDLE_TIMEOUT = java.time.Duration.ofMinutes(15);

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default: 8080).")
  int port;

  @Option(
      names = "--public-url",
      paramLabel = "URL",
      description =
          "The address people and systems reach this server at (behind a proxy, its public one):"
              + " the base of every absolute link, in the ATOM feed and the CAP messages"
              + " (default: http://localhost:PORT).")
  String publicUrl;

  @Option(
      names = "--db",
      paramLabel = "JDBC-URL",
      description = "PostgreSQL URL; default: the embedded database under ./data.")
  String db;

  @Option(
      names = "--areas",
      defaultValue = "ua-hromadas",
      description = "Warning-area set: a bundled id or a GeoJSON path (default: ua-hromadas).")
  String areas;

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

  @Mixin CapSenderOption sender = new CapSenderOption();

  @Override
  public Integer call() throws InterruptedException {
    AlertStatus alertStatus = status(status);
    String capSender = sender.checked();
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("--port: must be within [0, 65535], was " + port);
    }
    AreaSet areaSet = AreaSets.load(areas);
    Clock clock = Clock.systemUTC();
    try (Database database =
        db == null ? Database.openEmbedded(Database.DEFAULT_DIRECTORY) : Database.open(db)) {
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
      LiveWarnings live =
          new LiveWarnings(
              new WarningPipeline(Policy.DEFAULT, areaSet, predictions),
              clock,
              alertStatus,
              1,
              new StoreJournal(journal));
      long replayed = Recovery.replay(journal, live);
      SensorKeys keys = new SensorKeys(database, clock);
      ServerOptions defaults = ServerOptions.defaults(port, keys::authenticate);
      ServerOptions options =
          (publicUrl == null ? defaults : defaults.withBaseUrl(publicUrl))
              .withSigningKey(SigningKeys.loadOrCreate(Database.DEFAULT_DIRECTORY))
              .withTrustedCapKeys(trustedCapKeys.stream().map(PublicKeys::read).toList())
              .withUpstream(
                  new UpstreamAuthorities(
                      key -> keys.authenticate(key, KeyHolder.UPSTREAM_AUTHORITY),
                      new UpstreamMessages(database, clock)))
              .withOperators(
                  OperatorAuth.on(database, clock, MAX_FAILED_LOGINS, LOCKOUT, IDLE_TIMEOUT))
              .withCapIssuer(
                  new CapIssuer(
                      capSender, JournalIdentity.capSeries(database, clock, CapIssuer::newSeries)));
      ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
      try (WebServer server = WebServer.start(live, areaSet, options)) {
        ticker.scheduleAtFixedRate(live::tick, 1, 1, TimeUnit.SECONDS);
        spec.commandLine()
            .getOut()
            .printf(
                "Tocsin (%s) on %s: %d reports replayed from the journal. Listening on"
                    + " http://localhost:%d/%n",
                alertStatus.capName(), database.url(), replayed, server.port());
        spec.commandLine().getOut().flush();
        new CountDownLatch(1).await();
      } finally {
        ticker.shutdownNow();
        predictions.shutdownNow();
      }
    }
    return 0;
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
}
