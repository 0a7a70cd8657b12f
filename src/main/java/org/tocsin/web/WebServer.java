package org.tocsin.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.javalin.http.staticfiles.StaticFileConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.tocsin.area.AreaSet;
import org.tocsin.area.AreaSets;
import org.tocsin.atlas.AtlasFormats;
import org.tocsin.delivery.PushSubscriptions;
import org.tocsin.delivery.webpush.VapidKeys;
import org.tocsin.node.Faults;
import org.tocsin.node.LiveWarnings;
import org.tocsin.node.NodeRoles;

/**
 * The HTTP server: the public map page, the read API, the event stream and the operational
 * endpoints. Errors are RFC 9457 problem documents ({@link Problems}); text is UTF-8 ({@link
 * Responses}).
 */
public final class WebServer implements AutoCloseable {

  /** How often an event-stream client gets a heartbeat comment. */
  public static final Duration HEARTBEAT = Duration.ofSeconds(15);

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** A body slower than a modem's is an attack, not a sensor on a poor link. */
  private static final long MIN_BODY_BYTES_PER_SECOND = 1_024;

  private static final int REQUEST_THREADS = 250;

  /**
   * Connections the kernel holds for Jetty to accept (the listen backlog; Linux caps it at {@code
   * net.core.somaxconn}). Java's default of 50 overflowed when thousands of event-stream clients
   * connected at once (every client of a node that restarts comes back within {@code retry:}): each
   * dropped SYN cost its client a retransmission a second or more later.
   */
  private static final int ACCEPT_QUEUE = 4_096;

  private static final Duration IDLE_THREAD_TIMEOUT = Duration.ofSeconds(5);

  /**
   * Pollers are told to ask again every time, cheaply (304): a warning must never be served stale.
   */
  private static final String REVALIDATE = "no-cache";

  private final Javalin app;
  private final LiveWarnings live;

  /** What the node does now: the engine, which delivery partitions. */
  private final java.util.function.Supplier<NodeRoles> roles;

  private final ApiViews views;
  private final String areaSetId;
  private final String openApi;
  private final PrometheusMeterRegistry metrics =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final CapPublisher cap;
  private final EventStream events;

  /** GeoJSON of the area sets, by set id: megabytes, built once each. */
  private final Map<String, String> areaGeoJson = new ConcurrentHashMap<>();

  /** The shelter-time atlas as the page draws it, written once: it never changes while serving. */
  private final Optional<String> atlasGeoJson;

  /** When the server started, on the wall clock: the atlas's Last-Modified. */
  private final Instant startedAt;

  /** When the feed and the CAP messages last changed, on the wall clock: their Last-Modified. */
  private volatile Instant capChangedAt;

  private WebServer(LiveWarnings live, AreaSet areas, ServerOptions options, Duration heartbeat) {
    this.live = live;
    this.roles = options.roles();
    this.views =
        new ApiViews(
            areas,
            threat ->
                live.upstreamAlert(threat)
                    .map(org.tocsin.alert.UpstreamAlert::hasCountdown)
                    .orElse(true));
    this.areaSetId = areas.id();
    this.openApi = resource("/org/tocsin/web/openapi.json");
    this.capChangedAt = options.wall().instant();
    this.startedAt = capChangedAt;
    this.atlasGeoJson = options.atlas().map(AtlasFormats::geoJson);
    Counter eventsPublished =
        Counter.builder("tocsin_alert_events")
            .description("Alert events published (alerts, updates, cancels and all-clears)")
            .register(metrics);
    Gauge.builder("tocsin_threats_warned", live, l -> l.inForce().size())
        .description("Threats with warnings in force now")
        .register(metrics);
    FunctionCounter.builder("tocsin_commands_failed", live.faults(), Faults::commandsFailed)
        .description("Commands (batches, ticks, operators' actions, replays) that failed")
        .register(metrics);
    FunctionCounter.builder("tocsin_records_set_aside", live.faults(), Faults::recordsSetAside)
        .description("Journal records set aside because they could not be applied")
        .register(metrics);
    this.cap =
        new CapPublisher(live, areas, options.capIssuer(), options.baseUrl(), options.signingKey());
    live.subscribe(
        event -> {
          eventsPublished.increment();
          capChangedAt = options.wall().instant();
        });
    this.events =
        EventStream.start(
            live, options.events().orElse(live), views, heartbeat, options.maxEventClients());
    IngestRoutes ingest = new IngestRoutes(live, options);
    UpstreamRoutes upstream = new UpstreamRoutes(options, live, areas);
    this.app =
        Javalin.create(
            config -> {
              config.http.maxRequestSize = options.maxBodyBytes();
              config.http.prefer405over404 = true;
              connectionHygiene(config.jetty, options.maxConnectionsPerClient());
              config.jetty.threadPool = requestThreads();
              config.staticFiles.add(WebServer::publicFiles);
              config.staticFiles.enableWebjars();
              config.routes.before(SecurityHeaders::add);
              config.jetty.modifyServer(
                  jetty -> jetty.setErrorHandler(SecurityHeaders.errorPages()));
              config.routes.before(BodyTypes::check);
              config.routes.get("/health", this::health);
              config.routes.post("/api/v1/reports", ingest::reports);
              config.routes.post("/api/v1/cap", upstream::post);
              options
                  .operators()
                  .ifPresent(
                      auth -> {
                        operatorRoutes(config.routes, auth, areas);
                        upstreamDraftRoutes(config.routes, auth, upstream, options);
                      });
              config.routes.get("/api/v1/upstream", upstream::list);
              config.routes.get(
                  "/api/v1/alerts", ctx -> Responses.json(ctx, views.alerts(live, cap)));
              config.routes.get("/api/v1/alerts/{threat}", this::alert);
              config.routes.get("/api/v1/threats", ctx -> Responses.json(ctx, views.threats(live)));
              config.routes.get("/api/v1/areas/{set}", this::areas);
              config.routes.get("/api/v1/atlas", this::atlas);
              config.routes.get("/api/v1/events", events::handle);
              options.vapidKeys().ifPresent(keys -> pushKeyRoute(config.routes, keys));
              options
                  .pushSubscriptions()
                  .ifPresent(store -> pushRoutes(config.routes, store, areas, options));
              config.routes.get("/cap/{file}", this::capMessage);
              config.routes.get(
                  "/feed.atom",
                  ctx ->
                      ConditionalGet.send(
                          ctx, "application/atom+xml", cap.feedXml(), capChangedAt, REVALIDATE));
              config.routes.get(
                  "/openapi.json", ctx -> Responses.text(ctx, Responses.JSON, openApi));
              config.routes.get(
                  "/metrics",
                  ctx -> Responses.text(ctx, "text/plain; version=0.0.4", metrics.scrape()));
              Problems.register(config.routes);
            });
  }

  /**
   * Slow clients let go (slowloris): a request body slower than {@link #MIN_BODY_BYTES_PER_SECOND}
   * fails its read, which frees the thread and drops the connection ({@link MinimumBodyRate}), and
   * one client address holds at most {@code maxPerClient} connections.
   */
  private static void connectionHygiene(io.javalin.config.JettyConfig jetty, int maxPerClient) {
    jetty.modifyServer(
        server -> {
          // Javalin puts its handler inside the innermost wrapper it finds.
          server.setHandler(new MinimumBodyRate(MIN_BODY_BYTES_PER_SECOND));
          server.addBean(new ClientConnectionLimit(server, maxPerClient));
          server.addEventListener(acceptQueue(server));
        });
  }

  /** Sets the listen backlog of Javalin's connector, added after this runs, before it opens. */
  private static LifeCycle.Listener acceptQueue(Server server) {
    return new LifeCycle.Listener() {
      @Override
      public void lifeCycleStarting(LifeCycle event) {
        for (Connector connector : server.getConnectors()) {
          if (connector instanceof ServerConnector serverConnector) {
            serverConnector.setAcceptQueueSize(ACCEPT_QUEUE);
          }
        }
      }
    };
  }

  /**
   * Jetty's request threads, at most {@value #REQUEST_THREADS} as Javalin's, but idle ones stop
   * after {@link #IDLE_THREAD_TIMEOUT}, all at once: when a thousand event-stream clients leave
   * together, completing their responses grows the pool to some 200 threads for a moment, which
   * Javalin's pool (a minute idle, then a few at a time) kept for minutes.
   */
  private static QueuedThreadPool requestThreads() {
    QueuedThreadPool pool =
        new QueuedThreadPool(REQUEST_THREADS, 8, (int) IDLE_THREAD_TIMEOUT.toMillis());
    pool.setMaxEvictCount(REQUEST_THREADS);
    pool.setName("JettyServerThreadPool");
    return pool;
  }

  /** The public page's files: every text one declared UTF-8, which Jetty leaves unsaid. */
  private static void publicFiles(StaticFileConfig files) {
    files.directory = "/org/tocsin/web/public";
    files.location = Location.CLASSPATH;
    files.mimeTypes.add("text/html; charset=utf-8", "html");
    files.mimeTypes.add("text/javascript; charset=utf-8", "js");
    files.mimeTypes.add("text/css; charset=utf-8", "css");
    files.mimeTypes.add("application/json; charset=utf-8", "json", "topojson");
  }

  /** The console and its API, for a server that lets operators in. */
  private void operatorRoutes(
      io.javalin.config.RoutesConfig routes, OperatorAuth auth, AreaSet areas) {
    OperatorGuard guard = new OperatorGuard(auth.sessions());
    SessionRoutes sessions = new SessionRoutes(auth, guard);
    ConsoleRoutes console = new ConsoleRoutes(auth, guard, live, cap, areas);
    String consolePage = resource("/org/tocsin/web/public/console.html");
    routes.get("/console", ctx -> ctx.html(consolePage));
    routes.post("/api/v1/session", sessions::login);
    routes.get("/api/v1/session", sessions::current);
    routes.delete("/api/v1/session", sessions::logout);
    routes.get("/api/v1/templates", console::templates);
    routes.post("/api/v1/audience", console::audience);
    routes.post("/api/v1/drafts", console::createDraft);
    routes.get("/api/v1/drafts", console::drafts);
    routes.get("/api/v1/drafts/{id}", console::draft);
    routes.post("/api/v1/drafts/{id}/approve", console::approve);
    routes.post("/api/v1/drafts/{id}/reject", console::reject);
    routes.post("/api/v1/alerts/{threat}/{action}", console::standDown);
  }

  /** The upstream drafts in the console, for a server that relays upstream alerts on approval. */
  private void upstreamDraftRoutes(
      io.javalin.config.RoutesConfig routes,
      OperatorAuth auth,
      UpstreamRoutes upstream,
      ServerOptions options) {
    Optional<UpstreamAuthorities.Relay> relay =
        options.upstream().flatMap(UpstreamAuthorities::relay);
    if (relay.isEmpty() || upstream.relay().isEmpty()) {
      return;
    }
    UpstreamDraftRoutes drafts =
        new UpstreamDraftRoutes(
            new OperatorGuard(auth.sessions()), live, upstream.relay().get(), relay.get().store());
    routes.get("/api/v1/upstream/drafts", drafts::list);
    routes.post("/api/v1/upstream/drafts/{id}/approve", drafts::approve);
    routes.post("/api/v1/upstream/drafts/{id}/reject", drafts::reject);
  }

  /** The VAPID public key, which a browser needs to subscribe ({@code applicationServerKey}). */
  private static void pushKeyRoute(io.javalin.config.RoutesConfig routes, VapidKeys keys) {
    ObjectNode body = MAPPER.createObjectNode().put("publicKey", keys.publicKeyBase64Url());
    routes.get("/api/v1/push/key", ctx -> Responses.json(ctx, body));
  }

  private static void pushRoutes(
      io.javalin.config.RoutesConfig routes,
      PushSubscriptions store,
      AreaSet areas,
      ServerOptions options) {
    PushRoutes push =
        new PushRoutes(
            store,
            areas,
            options.operators().map(OperatorAuth::clientAddresses).orElse(ClientAddresses.PEER));
    routes.post("/api/v1/push/subscriptions", push::subscribe);
    routes.delete("/api/v1/push/subscriptions/{id}", push::unsubscribe);
  }

  /** Starts a server that serves the page and the read API and takes no reports. */
  public static WebServer start(LiveWarnings live, AreaSet areas, int port) {
    return start(live, areas, ServerOptions.defaults(port, SensorAuthenticator.NONE));
  }

  /** Starts a server. */
  public static WebServer start(LiveWarnings live, AreaSet areas, ServerOptions options) {
    return start(live, areas, options, HEARTBEAT);
  }

  /** Starts a server whose event stream sends a heartbeat every {@code heartbeat}: for tests. */
  static WebServer start(
      LiveWarnings live, AreaSet areas, ServerOptions options, Duration heartbeat) {
    WebServer server = new WebServer(live, areas, options, heartbeat);
    server.app.start(options.bindAddress(), options.port());
    return server;
  }

  public int port() {
    return app.port();
  }

  /** The registry that {@code /metrics} shows, for meters kept outside the web server. */
  public io.micrometer.core.instrument.MeterRegistry metrics() {
    return metrics;
  }

  @Override
  public void close() {
    events.close();
    app.stop();
  }

  private void health(Context ctx) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("status", "UP");
    node.put("serverTime", ApiViews.iso(live.now()));
    node.put("alertStatus", live.status().capName());
    NodeRoles now = roles.get();
    node.put("engine", now.engine());
    now.deliveryPartitions().forEach(node.putArray("deliveryPartitions")::add);
    node.put("cluster", now.cluster());
    if (now.cluster()) {
      node.put("sharedLogPosition", now.sharedLogPosition());
    }
    Faults faults = live.faults();
    ObjectNode faultsNode = node.putObject("faults");
    faultsNode.put("commandsFailed", faults.commandsFailed());
    faultsNode.put("recordsSetAside", faults.recordsSetAside());
    ArrayNode recent = faultsNode.putArray("recent");
    for (Faults.Fault fault : faults.recent()) {
      ObjectNode item = recent.addObject();
      item.put("at", ApiViews.iso(fault.at()));
      item.put("command", fault.command());
      item.put("detail", fault.detail());
      item.put("action", fault.action());
    }
    Responses.json(ctx, node);
  }

  private void alert(Context ctx) {
    String threat = ctx.pathParam("threat");
    views
        .alert(live, cap, threat)
        .ifPresentOrElse(
            node -> Responses.json(ctx, node),
            () ->
                Problems.send(
                    ctx, HttpStatus.NOT_FOUND, "no alert in force for threat '" + threat + "'"));
  }

  private void capMessage(Context ctx) {
    String file = java.net.URLDecoder.decode(ctx.pathParam("file"), StandardCharsets.UTF_8);
    String identifier = file.endsWith(".xml") ? file.substring(0, file.length() - 4) : file;
    cap.xml(identifier)
        .ifPresentOrElse(
            xml -> ConditionalGet.send(ctx, "application/cap+xml", xml, capChangedAt, REVALIDATE),
            () ->
                Problems.send(
                    ctx,
                    HttpStatus.NOT_FOUND,
                    "no CAP message with identifier '" + identifier + "'"));
  }

  /** {@code GET /api/v1/atlas}: the shelter-time atlas given with {@code --atlas}, if any. */
  private void atlas(Context ctx) {
    atlasGeoJson.ifPresentOrElse(
        geoJson -> ConditionalGet.send(ctx, Responses.GEO_JSON, geoJson, startedAt, REVALIDATE),
        () ->
            Problems.send(
                ctx,
                HttpStatus.NOT_FOUND,
                "this server has no shelter-time atlas: start it with --atlas FILE, a file that"
                    + " tocsin atlas --out writes"));
  }

  private void areas(Context ctx) {
    String set = ctx.pathParam("set");
    if (!set.equals(areaSetId) && !AreaSets.bundledIds().contains(set)) {
      Problems.send(
          ctx,
          HttpStatus.NOT_FOUND,
          "set must be one of " + String.join(", ", AreaSets.bundledIds()) + ", was '" + set + "'");
      return;
    }
    String geoJson =
        areaGeoJson.computeIfAbsent(
            set,
            id ->
                (id.equals(areaSetId) ? views : new ApiViews(AreaSets.bundled(id))).areaGeoJson());
    Responses.text(ctx, Responses.GEO_JSON, geoJson);
  }

  private static String resource(String name) {
    try (InputStream in = WebServer.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
