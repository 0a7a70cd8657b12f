package org.tocsin.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An event-stream client ({@code GET /api/v1/events}) that notes when each alert event arrives, on
 * this JVM's {@link System#nanoTime} as the poster notes its sends, so both ends of a latency are
 * read on one clock.
 */
final class StreamTimer implements AutoCloseable {

  /**
   * One event as it arrived.
   *
   * @param eventId the alert event's id
   * @param decided the event's {@code time}: when the engine decided it, to the millisecond
   * @param arrivedNs when its {@code data:} line was read, on {@link System#nanoTime}
   */
  record Arrival(String eventId, Instant decided, long arrivedNs) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String node;
  private final List<Arrival> arrivals = new ArrayList<>();
  private final Thread thread;
  private volatile boolean connected;
  private volatile InputStream body;
  private volatile String failure;

  /** Connects to {@code url}'s event stream on a thread of its own. */
  StreamTimer(String node, String url) {
    this.node = node;
    this.thread = new Thread(() -> follow(url), "stream-timer-" + node);
    thread.setDaemon(true);
    thread.start();
  }

  String node() {
    return node;
  }

  /** Whether the stream has sent its first line ({@code retry:}): events from now on arrive. */
  boolean connected() {
    return connected;
  }

  /** Why the stream ended, or null while it runs. */
  String failure() {
    return failure;
  }

  synchronized List<Arrival> arrivals() {
    return List.copyOf(arrivals);
  }

  private void follow(String url) {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    try {
      HttpResponse<InputStream> response =
          http.send(
              HttpRequest.newBuilder(URI.create(url + "/api/v1/events"))
                  .header("Accept", "text/event-stream")
                  .build(),
              HttpResponse.BodyHandlers.ofInputStream());
      if (response.statusCode() != 200) {
        response.body().close();
        failure = "answered " + response.statusCode();
        return;
      }
      body = response.body();
      read(body);
      failure = "the stream ended";
    } catch (IOException e) {
      failure = e.toString();
    } catch (InterruptedException e) {
      failure = "interrupted";
    }
  }

  private void read(InputStream in) throws IOException {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        connected = true;
        if (line.startsWith("data: ")) {
          long now = System.nanoTime();
          JsonNode event = JSON.readTree(line.substring(6));
          synchronized (this) {
            arrivals.add(
                new Arrival(
                    event.path("id").asText(), Instant.parse(event.path("time").asText()), now));
          }
        }
      }
    }
  }

  @Override
  public void close() throws IOException {
    InputStream open = body;
    if (open != null) {
      open.close();
    }
    thread.interrupt();
  }
}
