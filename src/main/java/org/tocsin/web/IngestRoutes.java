package org.tocsin.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tocsin.alert.ThreatPhase;
import org.tocsin.ingest.InvalidReportException;
import org.tocsin.ingest.ReportJson;
import org.tocsin.node.LiveWarnings;
import org.tocsin.node.PublishedEvent;
import org.tocsin.track.LaunchDetection;
import org.tocsin.track.Observation;

/** What sensors post: report batches. Upstream authorities post CAP ({@link UpstreamRoutes}). */
final class IngestRoutes {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final LiveWarnings live;
  private final ServerOptions options;
  private final RateLimiter rateLimiter;

  /**
   * Each sensor's sustained rate of reports: every radar plot of a salvo of fifty at a scan a
   * second, four times over. Requests are limited too, but a request may carry a thousand reports.
   */
  static final double REPORTS_PER_SECOND = 200;

  /** Each sensor's burst of reports: two full batches. */
  static final double REPORT_BURST = 2 * ReportJson.MAX_BATCH;

  /**
   * The most threats one sensor's launch reports may hold open: more than any salvo seen. A sensor
   * flooding launch reports (900 threats from nine requests) is refused beyond it.
   */
  static final int MAX_OPEN_THREATS_PER_SENSOR = 200;

  private final RateLimiter reportLimiter;

  IngestRoutes(LiveWarnings live, ServerOptions options) {
    this.live = live;
    this.options = options;
    this.rateLimiter =
        new RateLimiter(options.wall(), options.requestsPerSecond(), options.burst());
    this.reportLimiter = new RateLimiter(options.wall(), REPORTS_PER_SECOND, REPORT_BURST);
  }

  /**
   * {@code POST /api/v1/reports}: a batch from one authenticated sensor, taken whole or refused
   * whole with every problem named; 202 once the pipeline has decided on it.
   */
  void reports(Context ctx) {
    Optional<String> sensor = authorized(ctx);
    if (sensor.isEmpty()) {
      return;
    }
    if (ctx.contentLength() > options.maxBodyBytes()) {
      Problems.send(
          ctx,
          HttpStatus.CONTENT_TOO_LARGE,
          "body: at most " + options.maxBodyBytes() + " bytes, was " + ctx.contentLength());
      return;
    }
    List<Observation> batch;
    try {
      batch = ReportJson.read(ctx.body());
    } catch (InvalidReportException e) {
      refuse(ctx, e.problems());
      return;
    }
    // Against the server's clock, before anything is journalled: a report dated far from now is
    // no measurement of a threat now, and a date near Instant's ends overflows the engine.
    List<String> outOfWindow = options.reportWindow().problems(batch, live.now());
    if (!outOfWindow.isEmpty()) {
      refuse(ctx, outOfWindow);
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
      Problems.send(ctx, HttpStatus.FORBIDDEN, String.join("; ", foreign));
      return;
    }
    if (!reportLimiter.tryAcquire(sensor.get(), batch.size())) {
      ctx.header("Retry-After", "1");
      Problems.send(
          ctx,
          HttpStatus.TOO_MANY_REQUESTS,
          "reports: sensor '"
              + sensor.get()
              + "' is over its rate of "
              + (long) REPORTS_PER_SECOND
              + " reports a second; this batch held "
              + batch.size());
      return;
    }
    long launches = batch.stream().filter(LaunchDetection.class::isInstance).count();
    long open = launches == 0 ? 0 : openThreats(sensor.get());
    if (open + launches > MAX_OPEN_THREATS_PER_SENSOR) {
      Problems.send(
          ctx,
          HttpStatus.TOO_MANY_REQUESTS,
          "reports: sensor '"
              + sensor.get()
              + "' may hold at most "
              + MAX_OPEN_THREATS_PER_SENSOR
              + " threats open with its launch reports; "
              + open
              + " are open and this batch holds "
              + launches
              + " more");
      return;
    }
    List<PublishedEvent> events = live.ingest(batch);
    ObjectNode body = MAPPER.createObjectNode();
    body.put("accepted", batch.size());
    ArrayNode ids = body.putArray("events");
    events.forEach(event -> ids.add(event.event().id()));
    Responses.json(ctx, HttpStatus.ACCEPTED, body);
  }

  /** The threats opened by the sensor's launch reports that have not ended. */
  private long openThreats(String sensor) {
    return live.threats().stream()
        .filter(threat -> threat.launch().filter(l -> l.sensorId().equals(sensor)).isPresent())
        .filter(threat -> live.phase(threat.id()).orElse(ThreatPhase.CORRIDOR) != ThreatPhase.ENDED)
        .count();
  }

  private static void refuse(Context ctx, List<String> problems) {
    ObjectNode problem = Problems.node(ctx, HttpStatus.BAD_REQUEST, String.join("; ", problems));
    ArrayNode errors = problem.putArray("errors");
    problems.forEach(errors::add);
    ctx.status(HttpStatus.BAD_REQUEST);
    Responses.text(ctx, Responses.PROBLEM_JSON, problem.toString());
  }

  /** The sensor of the request's API key, within its rate; else answers 401 or 429 and empty. */
  private Optional<String> authorized(Context ctx) {
    Optional<String> sensor = options.sensors().sensorFor(apiKey(ctx));
    if (sensor.isEmpty()) {
      ctx.header("WWW-Authenticate", "Bearer");
      Problems.send(
          ctx, HttpStatus.UNAUTHORIZED, "a sensor API key is required: Authorization: Bearer KEY");
      return Optional.empty();
    }
    if (!rateLimiter.tryAcquire(sensor.get())) {
      ctx.header("Retry-After", "1");
      Problems.send(
          ctx,
          HttpStatus.TOO_MANY_REQUESTS,
          "sensor '"
              + sensor.get()
              + "' is over its rate of "
              + options.requestsPerSecond()
              + " requests a second");
      return Optional.empty();
    }
    return sensor;
  }

  /** The API key in {@code Authorization: Bearer} or {@code X-Api-Key}, or null. */
  static String apiKey(Context ctx) {
    String authorization = ctx.header("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return authorization.substring(7).trim();
    }
    return ctx.header("X-Api-Key");
  }
}
