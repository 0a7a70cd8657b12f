package org.tocsin.web;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.tocsin.area.AreaSet;
import org.tocsin.area.AreaSets;
import org.tocsin.cap.CapMessages;

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
  private volatile String areaGeoJson;

  private WebServer(LiveWarnings live, AreaSet areas) {
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
    this.cap = new CapPublisher(live, areas, CapMessages.DEFAULT_SENDER, "http://localhost");
    this.app =
        Javalin.create(
            config -> {
              config.staticFiles.add("/org/tocsin/web/public", Location.CLASSPATH);
              config.staticFiles.enableWebjars();
              config.routes.get("/health", this::health);
              config.routes.get("/api/v1/alerts", ctx -> json(ctx, views.alerts(live)));
              config.routes.get("/api/v1/alerts/{threat}", this::alert);
              config.routes.get("/api/v1/threats", ctx -> json(ctx, views.threats(live)));
              config.routes.get("/api/v1/areas/{set}", this::areas);
              config.routes.sse(
                  "/api/v1/events",
                  client -> new EventStream(client, live, views).start(lastEventId(client.ctx())));
              config.routes.get("/cap/{file}", this::capMessage);
              config.routes.get(
                  "/feed.atom",
                  ctx -> ctx.contentType("application/atom+xml").result(cap.feedXml()));
              config.routes.get(
                  "/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
              config.routes.get(
                  "/metrics",
                  ctx -> ctx.contentType("text/plain; version=0.0.4").result(metrics.scrape()));
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

  /** Starts a server on {@code port} (0 for any free port). */
  public static WebServer start(LiveWarnings live, AreaSet areas, int port) {
    WebServer server = new WebServer(live, areas);
    server.app.start("0.0.0.0", port);
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
        .alert(live, threat)
        .ifPresentOrElse(
            node -> json(ctx, node),
            () ->
                problem(
                    ctx,
                    HttpStatus.NOT_FOUND,
                    "No such alert",
                    "no alert in force for threat '" + threat + "'"));
  }

  private void capMessage(Context ctx) {
    String file = java.net.URLDecoder.decode(ctx.pathParam("file"), StandardCharsets.UTF_8);
    String identifier = file.endsWith(".xml") ? file.substring(0, file.length() - 4) : file;
    cap.xml(identifier)
        .ifPresentOrElse(
            xml -> ctx.contentType("application/cap+xml").result(xml),
            () ->
                problem(
                    ctx,
                    HttpStatus.NOT_FOUND,
                    "No such CAP message",
                    "no CAP message with identifier '" + identifier + "'"));
  }

  private void areas(Context ctx) {
    String set = ctx.pathParam("set");
    if (!set.equals(areaSetId)) {
      if (!AreaSets.bundledIds().contains(set)) {
        problem(
            ctx,
            HttpStatus.NOT_FOUND,
            "No such area set",
            "set must be one of "
                + String.join(", ", AreaSets.bundledIds())
                + ", was '"
                + set
                + "'");
        return;
      }
      ctx.contentType("application/geo+json")
          .result(new ApiViews(AreaSets.bundled(set)).areaGeoJson());
      return;
    }
    if (areaGeoJson == null) {
      areaGeoJson = views.areaGeoJson();
    }
    ctx.contentType("application/geo+json").result(areaGeoJson);
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

  private static void problem(Context ctx, HttpStatus status, String title, String detail) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("type", "about:blank");
    node.put("title", title);
    node.put("status", status.getCode());
    node.put("detail", detail);
    node.put("instance", ctx.path());
    ctx.status(status).contentType(PROBLEM_JSON).result(node.toString());
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
