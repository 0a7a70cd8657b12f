package org.tocsin.sensors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * What a server says of itself before a replay posts to it ({@code GET /api/v1/alerts}): its
 * status, so that a rehearsal never reaches a server that warns for real, and its clock, on which
 * the reports are dated (a server refuses reports dated far from its clock, and a test server's
 * clock may run faster than real time).
 */
public final class ServerProbe {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
  private final Clock wall;

  /**
   * @param wall read when the server answers, to tell its clock's reading later
   */
  public ServerProbe(Clock wall) {
    this.wall = Objects.requireNonNull(wall, "wall");
  }

  /**
   * A server's status and clock, as it answers now.
   *
   * @param server the base URL ({@link ReportPoster#serverUrl})
   * @throws IOException when it cannot be reached, or answers other than a Tocsin server would
   */
  public ServerState probe(URI server) throws IOException, InterruptedException {
    URI alerts = server.resolve("api/v1/alerts");
    HttpResponse<String> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(alerts)
                  .timeout(TIMEOUT)
                  .header("Accept", "application/json")
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IOException("GET " + alerts + ": " + ReportPoster.reason(e), e);
    }
    Instant answered = wall.instant();
    if (response.statusCode() != 200) {
      throw new IOException("GET " + alerts + " answered " + response.statusCode() + ", not 200");
    }
    try {
      JsonNode root = MAPPER.readTree(response.body());
      String status = root.path("status").asText("");
      double clockRate = root.path("clockRate").asDouble(Double.NaN);
      Instant serverTime = Instant.parse(root.path("serverTime").asText(""));
      if (status.isEmpty() || !(clockRate > 0)) {
        throw new IOException(
            "GET " + alerts + " gave no status and clockRate: is this a Tocsin server?");
      }
      return new ServerState(server, status, clockRate, serverTime, answered);
    } catch (DateTimeParseException | IOException e) {
      throw new IOException(
          "GET " + alerts + " did not answer as a Tocsin server: " + e.getMessage(), e);
    }
  }

  /**
   * A server as it answered.
   *
   * @param server its base URL
   * @param status Actual, Exercise or Test: the status of its automatic warnings
   * @param clockRate how fast its clock runs against real time
   * @param serverTime its clock's reading when it answered
   * @param answeredAt the wall clock's reading then
   */
  public record ServerState(
      URI server, String status, double clockRate, Instant serverTime, Instant answeredAt) {

    /** Whether what it warns is a rehearsal: Exercise or Test, never Actual. */
    public boolean rehearses() {
      return status.equals("Exercise") || status.equals("Test");
    }

    /** Its clock's reading at wall time {@code wallNow}, by its rate. */
    public Instant serverTimeAt(Instant wallNow) {
      Duration since = Duration.between(answeredAt, wallNow);
      return serverTime.plusNanos((long) (since.toNanos() * clockRate));
    }
  }
}
