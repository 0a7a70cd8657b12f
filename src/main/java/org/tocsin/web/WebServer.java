package org.tocsin.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.tocsin.area.AreaSet;
import org.tocsin.area.AreaSets;
import org.tocsin.cap.CapAlert;
import org.tocsin.ingest.InvalidReportException;
import org.tocsin.ingest.ReportJson;
import org.tocsin.store.ActionRefusedException;
import org.tocsin.track.Observation;

/**
 * The HTTP server: the public map page, the read API, the event stream and the operational
 * endpoints. Errors are RFC 9457 problem documents.
 */
public final class WebServer implements AutoCloseable {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String PROBLEM_JSON = "application/problem+json";

  private final Javalin app;
  private final LiveWarnings live;
  private final ApiViews views;
  private final String areaSetId;
  private final String openApi;
  private final PrometheusMeterRegistry metrics =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Counter eventsPublished;
  private final CapPublisher cap;
  private final UpstreamCap upstream;

  /** GeoJSON of the area sets, by set id: megabytes, built once each. */
  private final Map<String, String> areaGeoJson = new ConcurrentHashMap<>();

  private final ServerOptions options;
  private final RateLimiter rateLimiter;

  private WebServer(LiveWarnings live, AreaSet areas, ServerOptions options) {
    this.options = options;
    this.rateLimiter =
        new RateLimiter(options.wall(), options.requestsPerSecond(), options.burst());
    this.live = live;
    this.views = new ApiViews(areas);
    this.areaSetId = areas.id();
    this.openApi = resource("/org/tocsin/web/openapi.json");
    this.eventsPublished =
        Counter.builder("tocsin_alert_events")
            .description("Alert events published")
            .register(metrics);
    metrics.gauge("tocsin_threats_warned", live, l -> l.inForce().size());
    live.subscribe(event -> eventsPublished.increment());
    this.upstream = new UpstreamCap(options.trustedCapKeys());
    this.cap =
        new CapPublisher(live, areas, options.capIssuer(), options.baseUrl(), options.signingKey());
    this.app =
        Javalin.create(
            config -> {
              config.http.maxRequestSize = options.maxBodyBytes();
              config.staticFiles.add("/org/tocsin/web/public", Location.CLASSPATH);
              config.staticFiles.enableWebjars();
              config.routes.get("/health", this::health);
              config.routes.post("/api/v1/reports", this::reports);
              config.routes.post("/api/v1/cap", this::upstreamCap);
              options.operators().ifPresent(auth -> operatorRoutes(config.routes, auth, areas));
              config.routes.get("/api/v1/upstream", this::upstreamList);
              config.routes.get("/api/v1/alerts", ctx -> json(ctx, views.alerts(live, cap)));
              config.routes.get("/api/v1/alerts/{threat}", this::alert);
              config.routes.get("/api/v1/threats", ctx -> json(ctx, views.threats(live)));
              config.routes.get("/api/v1/areas/{set}", this::areas);
              config.routes.sse(
                  "/api/v1/events",
                  client -> new EventStream(client, live, views).start(lastEventId(client.ctx())));
              config.routes.get("/cap/{file}", this::capMessage);
              config.routes.get(
                  "/feed.atom",
                  ctx ->
                      ctx.contentType("application/atom+xml; charset=utf-8").result(cap.feedXml()));
              config.routes.get(
                  "/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
              config.routes.get(
                  "/metrics",
                  ctx -> ctx.contentType("text/plain; version=0.0.4").result(metrics.scrape()));
              config.routes.exception(
                  ActionRefusedException.class,
                  (e, ctx) ->
                      problem(
                          ctx,
                          e.reason() == ActionRefusedException.Reason.FORBIDDEN
                              ? HttpStatus.FORBIDDEN
                              : HttpStatus.CONFLICT,
                          e.reason() == ActionRefusedException.Reason.FORBIDDEN
                              ? "Not allowed"
                              : "Conflict",
                          e.getMessage()));
              config.routes.exception(
                  java.util.NoSuchElementException.class,
                  (e, ctx) -> problem(ctx, HttpStatus.NOT_FOUND, "Not found", e.getMessage()));
              config.routes.exception(
                  IllegalArgumentException.class,
                  (e, ctx) ->
                      problem(ctx, HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage()));
              config.routes.error(
                  404,
                  ctx -> {
                    if (!PROBLEM_JSON.equals(ctx.res().getContentType())) {
                      problem(
                          ctx, HttpStatus.NOT_FOUND, "Not found", "no resource at " + ctx.path());
                    }
                  });
            });
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

  /** Starts a server that serves the page and the read API and takes no reports. */
  public static WebServer start(LiveWarnings live, AreaSet areas, int port) {
    return start(live, areas, ServerOptions.defaults(port, SensorAuthenticator.NONE));
  }

  /** Starts a server. */
  public static WebServer start(LiveWarnings live, AreaSet areas, ServerOptions options) {
    WebServer server = new WebServer(live, areas, options);
    server.app.start("0.0.0.0", options.port());
    return server;
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }

  private void health(Context ctx) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("status", "UP");
    node.put("serverTime", ApiViews.iso(live.now()));
    node.put("alertStatus", live.status().capName());
    json(ctx, node);
  }

  private void alert(Context ctx) {
    String threat = ctx.pathParam("threat");
    views
        .alert(live, cap, threat)
        .ifPresentOrElse(
            node -> json(ctx, node),
            () ->
                problem(
                    ctx,
                    HttpStatus.NOT_FOUND,
                    "No such alert",
                    "no alert in force for threat '" + threat + "'"));
  }

  /**
   * {@code POST /api/v1/reports}: a batch from one authenticated sensor, taken whole or refused
   * whole with every problem named; 202 once the pipeline has decided on it.
   */
  private void reports(Context ctx) {
    Optional<String> sensor = authorized(ctx);
    if (sensor.isEmpty()) {
      return;
    }
    if (ctx.contentLength() > options.maxBodyBytes()) {
      problem(
          ctx,
          HttpStatus.CONTENT_TOO_LARGE,
          "Batch too large",
          "body: at most " + options.maxBodyBytes() + " bytes, was " + ctx.contentLength());
      return;
    }
    List<Observation> batch;
    try {
      batch = ReportJson.read(ctx.body());
    } catch (InvalidReportException e) {
      ObjectNode problem =
          problemNode(
              ctx, HttpStatus.BAD_REQUEST, "Invalid reports", String.join("; ", e.problems()));
      ArrayNode errors = problem.putArray("errors");
      e.problems().forEach(errors::add);
      ctx.status(HttpStatus.BAD_REQUEST).contentType(PROBLEM_JSON).result(problem.toString());
      return;
    }
    List<String> foreign = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      if (!batch.get(i).sensorId().equals(sensor.get())) {
        foreign.add(
            "reports["
                + i
                + "].sensorId: must be '"
                + sensor.get()
                + "', the key's sensor, was '"
                + batch.get(i).sensorId()
                + "'");
      }
    }
    if (!foreign.isEmpty()) {
      problem(ctx, HttpStatus.FORBIDDEN, "Reports for another sensor", String.join("; ", foreign));
      return;
    }
    List<PublishedEvent> events = live.ingest(batch);
    ObjectNode body = MAPPER.createObjectNode();
    body.put("accepted", batch.size());
    ArrayNode ids = body.putArray("events");
    events.forEach(event -> ids.add(event.event().id()));
    ctx.status(HttpStatus.ACCEPTED);
    json(ctx, body);
  }

  /** {@code POST /api/v1/cap}: a CAP message from an upstream authority, checked and kept. */
  private void upstreamCap(Context ctx) {
    Optional<String> sensor = authorized(ctx);
    if (sensor.isEmpty()) {
      return;
    }
    CapAlert alert = upstream.accept(ctx.bodyAsBytes());
    ObjectNode body = MAPPER.createObjectNode();
    body.put("identifier", alert.identifier());
    body.put("sender", alert.sender());
    body.put("status", alert.status().capName());
    body.put("msgType", alert.msgType().capName());
    body.put("receivedFrom", sensor.get());
    ctx.status(HttpStatus.ACCEPTED);
    json(ctx, body);
  }

  private void upstreamList(Context ctx) {
    ObjectNode root = MAPPER.createObjectNode();
    ArrayNode list = root.putArray("messages");
    for (CapAlert alert : upstream.received()) {
      ObjectNode node = list.addObject();
      node.put("identifier", alert.identifier());
      node.put("sender", alert.sender());
      node.put("sent", alert.sent().toString());
      node.put("status", alert.status().capName());
      node.put("msgType", alert.msgType().capName());
      ArrayNode headlines = node.putArray("headlines");
      alert.infos().forEach(info -> headlines.add(String.valueOf(info.headline())));
    }
    json(ctx, root);
  }

  /** The sensor of the request's API key, within its rate; else answers 401 or 429 and empty. */
  private Optional<String> authorized(Context ctx) {
    Optional<String> sensor = options.sensors().sensorFor(apiKey(ctx));
    if (sensor.isEmpty()) {
      ctx.header("WWW-Authenticate", "Bearer");
      problem(
          ctx,
          HttpStatus.UNAUTHORIZED,
          "Unauthorized",
          "a sensor API key is required: Authorization: Bearer KEY");
      return Optional.empty();
    }
    if (!rateLimiter.tryAcquire(sensor.get())) {
      ctx.header("Retry-After", "1");
      problem(
          ctx,
          HttpStatus.TOO_MANY_REQUESTS,
          "Too many requests",
          "sensor '"
              + sensor.get()
              + "' is over its rate of "
              + options.requestsPerSecond()
              + " requests a second");
      return Optional.empty();
    }
    return sensor;
  }

  private static String apiKey(Context ctx) {
    String authorization = ctx.header("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return authorization.substring(7).trim();
    }
    return ctx.header("X-Api-Key");
  }

  private void capMessage(Context ctx) {
    String file = java.net.URLDecoder.decode(ctx.pathParam("file"), StandardCharsets.UTF_8);
    String identifier = file.endsWith(".xml") ? file.substring(0, file.length() - 4) : file;
    cap.xml(identifier)
        .ifPresentOrElse(
            xml -> ctx.contentType("application/cap+xml; charset=utf-8").result(xml),
            () ->
                problem(
                    ctx,
                    HttpStatus.NOT_FOUND,
                    "No such CAP message",
                    "no CAP message with identifier '" + identifier + "'"));
  }

  private void areas(Context ctx) {
    String set = ctx.pathParam("set");
    if (!set.equals(areaSetId) && !AreaSets.bundledIds().contains(set)) {
      problem(
          ctx,
          HttpStatus.NOT_FOUND,
          "No such area set",
          "set must be one of " + String.join(", ", AreaSets.bundledIds()) + ", was '" + set + "'");
      return;
    }
    String geoJson =
        areaGeoJson.computeIfAbsent(
            set,
            id ->
                (id.equals(areaSetId) ? views : new ApiViews(AreaSets.bundled(id))).areaGeoJson());
    ctx.contentType("application/geo+json").result(geoJson);
  }

  private static long lastEventId(Context ctx) {
    String header = ctx.header("Last-Event-ID");
    if (header == null || header.isBlank()) {
      return 0;
    }
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static void json(Context ctx, ObjectNode node) {
    ctx.contentType("application/json").result(node.toString());
  }

  static void problem(Context ctx, HttpStatus status, String title, String detail) {
    ctx.status(status)
        .contentType(PROBLEM_JSON)
        .result(problemNode(ctx, status, title, detail).toString());
  }

  private static ObjectNode problemNode(
      Context ctx, HttpStatus status, String title, String detail) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("type", "about:blank");
    node.put("title", title);
    node.put("status", status.getCode());
    node.put("detail", detail);
    node.put("instance", ctx.path());
    return node;
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
