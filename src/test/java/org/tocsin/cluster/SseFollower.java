package org.tocsin.cluster;

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
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * An event-stream client as a page is one: it follows {@code /api/v1/events} on a node, and when
 * that node dies it resumes on another with {@code Last-Event-ID}, the last id it saw.
 */
final class SseFollower implements AutoCloseable {

  /** One event received: its stream id and its alert event's id. */
  record Received(long id, String event) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Supplier<NodeProcess> nodes;
  private final List<Received> received = new ArrayList<>();
  private final List<String> connections = new ArrayList<>();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile InputStream body;
  private long lastId = -1;

  /**
   * @param first the node it follows first
   * @param nodes the node to resume on when its node died: a living one
   */
  SseFollower(NodeProcess first, Supplier<NodeProcess> nodes) {
    this.nodes = nodes;
    this.thread = new Thread(() -> run(first), "sse-follower");
    thread.setDaemon(true);
    thread.start();
  }

  synchronized List<Received> received() {
    return List.copyOf(received);
  }

  synchronized List<String> connections() {
    return List.copyOf(connections);
  }

  /** Whether it is connected and has had the stream's first bytes. */
  boolean connected() {
    return body != null;
  }

  private void run(NodeProcess first) {
    NodeProcess node = first;
    while (running) {
      try {
        follow(node);
      } catch (IOException e) {
        // The node died or closed the stream: resume elsewhere.
      } catch (InterruptedException e) {
        return;
      }
      body = null;
      if (!running) {
        return;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        return;
      }
      node = node.alive() ? node : nodes.get();
    }
  }

  private void follow(NodeProcess node) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(node.url() + "/api/v1/events"))
            .header("Accept", "text/event-stream");
    synchronized (this) {
      if (lastId >= 0) {
        request.header("Last-Event-ID", Long.toString(lastId));
      }
      connections.add(node.name + (lastId >= 0 ? " after " + lastId : ""));
    }
    HttpResponse<InputStream> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() != 200) {
      response.body().close();
      throw new IOException(node.name + " answered " + response.statusCode());
    }
    body = response.body();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      long id = -1;
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.startsWith("id: ")) {
          id = Long.parseLong(line.substring(4));
        } else if (line.startsWith("data: ") && id >= 0) {
          String event = JSON.readTree(line.substring(6)).path("id").asText();
          synchronized (this) {
            received.add(new Received(id, event));
            lastId = id;
          }
          id = -1;
        }
      }
    }
  }

  @Override
  public void close() throws IOException {
    running = false;
    InputStream open = body;
    if (open != null) {
      open.close();
    }
    thread.interrupt();
  }
}
