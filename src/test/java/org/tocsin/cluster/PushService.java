package org.tocsin.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.tocsin.delivery.webpush.Aes128GcmDecryptor;
import org.tocsin.delivery.webpush.UserAgents;

/**
 * A push service on loopback with one phone subscribed to it: it takes the server's pushes (201, as
 * a push service does), decrypts each as the phone's browser would, and keeps what it read.
 */
final class PushService implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(4);
  private final KeyPair phone = UserAgents.keyPair();
  private final byte[] auth = UserAgents.auth();
  private final List<JsonNode> received = new ArrayList<>();
  private final AtomicInteger undecryptable = new AtomicInteger();

  PushService() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/push/phone", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  /** The body of {@code POST /api/v1/push/subscriptions} for the phone, at {@code where}. */
  String subscription(double latDeg, double lonDeg) {
    Base64.Encoder base64url = Base64.getUrlEncoder().withoutPadding();
    return "{\"endpoint\":\"http://127.0.0.1:"
        + server.getAddress().getPort()
        + "/push/phone\",\"keys\":{\"p256dh\":\""
        + base64url.encodeToString(
            UserAgents.subscription("http://127.0.0.1/", phone, auth).p256dh())
        + "\",\"auth\":\""
        + base64url.encodeToString(auth)
        + "\"},\"where\":{\"lat\":"
        + latDeg
        + ",\"lon\":"
        + lonDeg
        + "}}";
  }

  /** The messages the phone read, in the order they came. */
  synchronized List<JsonNode> received() {
    return List.copyOf(received);
  }

  int undecryptable() {
    return undecryptable.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      try {
        JsonNode message = JSON.readTree(Aes128GcmDecryptor.decrypt(body, phone, auth));
        synchronized (this) {
          received.add(message);
        }
      } catch (Exception e) { // NOPMD: whatever fails, the push is not one the phone can read
        undecryptable.incrementAndGet();
      }
      exchange.sendResponseHeaders(201, -1);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
