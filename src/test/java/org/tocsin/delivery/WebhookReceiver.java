package org.tocsin.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP receiver of webhooks on loopback, as an institution would run one: each path is one
 * webhook, whose secret it is told; it checks every delivery's HMAC, refuses a bad one with 401,
 * and answers 503 as many times as it is told to fail before it takes deliveries again.
 */
public final class WebhookReceiver implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One delivery received with a valid signature. */
  public record Received(String path, String deliveryKey, JsonNode body) {
    public String event() {
      return body.get("event").asText();
    }
  }

  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(8);
  private final Map<String, String> secrets = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
  private final List<Received> received = new ArrayList<>();
  private final AtomicInteger badSignatures = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();

  public WebhookReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  /** The URL of a webhook at {@code path} here. */
  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  public void expect(String path, String secret) {
    secrets.put(path, secret);
  }

  /** The next {@code times} deliveries to {@code path} are answered 503. */
  void failNext(String path, int times) {
    failuresLeft.computeIfAbsent(path, p -> new AtomicInteger()).set(times);
  }

  public synchronized List<Received> received() {
    return List.copyOf(received);
  }

  public synchronized List<Received> receivedAt(String path) {
    return received.stream().filter(r -> r.path().equals(path)).toList();
  }

  int badSignatures() {
    return badSignatures.get();
  }

  /** How many deliveries were answered 503. */
  int refused() {
    return refused.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      byte[] body = exchange.getRequestBody().readAllBytes();
      String secret = secrets.get(path);
      boolean valid =
          secret != null
              && WebhookSignature.verify(
                  secret,
                  exchange.getRequestHeaders().getFirst("Tocsin-Signature"),
                  body,
                  Instant.now(),
                  Duration.ofDays(365_000));
      if (!valid) {
        badSignatures.incrementAndGet();
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      AtomicInteger left = failuresLeft.get(path);
      if (left != null && left.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        refused.incrementAndGet();
        exchange.sendResponseHeaders(503, -1);
        return;
      }
      Received delivery =
          new Received(
              path, exchange.getRequestHeaders().getFirst("Tocsin-Delivery"), JSON.readTree(body));
      synchronized (this) {
        received.add(delivery);
      }
      exchange.sendResponseHeaders(204, -1);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
