package org.tocsin.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tocsin.ingest.ReportJson;
import org.tocsin.sensors.SensorBatch;
import org.tocsin.sim.Scenario;
import org.tocsin.sim.ScenarioReports;

/**
 * Posts a stretch of a scenario's reports to one node as its sensors would: each sensor's batch in
 * its own {@code POST /api/v1/reports}, at the batch's time, the scenario's clock running at real
 * time from the present (a cluster decides at the time Kafka appends a batch, so the reports must
 * be dated at the present, as {@code tocsin replay} dates them). Notes each POST's span.
 */
final class PacedPoster {

  /**
   * One POST.
   *
   * @param scenarioS the batch's second in the scenario
   * @param sent when it was sent, on the wall clock (the events it decides are dated after it)
   * @param sentNs the same moment on {@link System#nanoTime}
   * @param answered when the answer arrived, on the wall clock
   * @param answeredNs the same moment on {@link System#nanoTime}
   * @param status the answer's status
   * @param events the events the answer names (a single node decides before it answers; a cluster's
   *     node answers once Kafka holds the batch, naming none)
   */
  record Posted(
      long scenarioS,
      Instant sent,
      long sentNs,
      Instant answered,
      long answeredNs,
      int status,
      List<String> events) {

    double roundTripMs() {
      return (answeredNs - sentNs) / 1e6;
    }

    /** Whether an event decided at {@code decided} (to the millisecond) falls within this POST. */
    boolean spans(Instant decided) {
      return !decided.isBefore(sent.truncatedTo(ChronoUnit.MILLIS)) && !decided.isAfter(answered);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String url;
  private final Map<String, String> keyBySensor;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  PacedPoster(String url, Map<String, String> keyBySensor) {
    this.url = url;
    this.keyBySensor = Map.copyOf(keyBySensor);
  }

  /**
   * Posts {@code scenario}'s batches from its second {@code fromS} for {@code duration}, that
   * second being now, each at its time; stops early at {@code deadline}.
   */
  List<Posted> run(Scenario scenario, long fromS, Duration duration, Instant deadline)
      throws IOException, InterruptedException {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    Instant end = now.plus(duration);
    List<SensorBatch> batches =
        SensorBatch.of(ScenarioReports.at(scenario, now.minusSeconds(fromS))).stream()
            .filter(batch -> !batch.time().isBefore(now) && batch.time().isBefore(end))
            .toList();
    List<Posted> posted = new ArrayList<>();
    for (SensorBatch batch : batches) {
      if (Instant.now().isAfter(deadline)) {
        break;
      }
      String body = ReportJson.write(batch.reports());
      long waitMs = Duration.between(Instant.now(), batch.time()).toMillis();
      if (waitMs > 0) {
        Thread.sleep(waitMs);
      }
      long scenarioS = fromS + Duration.between(now, batch.time()).toSeconds();
      posted.add(post(scenarioS, batch.sensorId(), body));
    }
    return posted;
  }

  private Posted post(long scenarioS, String sensor, String body)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url + "/api/v1/reports"))
            .header("Authorization", "Bearer " + keyBySensor.get(sensor))
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    Instant sent = Instant.now();
    long sentNs = System.nanoTime();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    long answeredNs = System.nanoTime();
    Instant answered = Instant.now();
    if (response.statusCode() != 202) {
      throw new IllegalStateException(
          "POST of " + sensor + "'s batch: " + response.statusCode() + " " + response.body());
    }
    List<String> events = new ArrayList<>();
    JsonNode ids = JSON.readTree(response.body()).path("events");
    ids.forEach(id -> events.add(id.asText()));
    return new Posted(scenarioS, sent, sentNs, answered, answeredNs, response.statusCode(), events);
  }
}
