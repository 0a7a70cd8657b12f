package org.tocsin.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tocsin.ingest.InvalidReportException;
import org.tocsin.ingest.ReportJson;
import org.tocsin.track.Observation;

/** What sensors post: report batches. Upstream authorities post CAP ({@link UpstreamRoutes}). */
final class IngestRoutes {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final LiveWarnings live;
  private final ServerOptions options;
  private final RateLimiter rateLimiter;

  IngestRoutes(LiveWarnings live, ServerOptions options) {
    this.live = live;
    this.options = options;
    this.rateLimiter =
        new RateLimiter(options.wall(), options.requestsPerSecond(), options.burst());
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
      ObjectNode problem =
          Problems.node(ctx, HttpStatus.BAD_REQUEST, String.join("; ", e.problems()));
      ArrayNode errors = problem.putArray("errors");
      e.problems().forEach(errors::add);
      ctx.status(HttpStatus.BAD_REQUEST);
      Responses.text(ctx, Responses.PROBLEM_JSON, problem.toString());
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
    List<PublishedEvent> events = live.ingest(batch);
    ObjectNode body = MAPPER.createObjectNode();
    body.put("accepted", batch.size());
    ArrayNode ids = body.putArray("events");
    events.forEach(event -> ids.add(event.event().id()));
    Responses.json(ctx, HttpStatus.ACCEPTED, body);
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
