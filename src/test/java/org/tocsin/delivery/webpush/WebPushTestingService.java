package org.tocsin.delivery.webpush;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The npm package {@code web-push-testing} run as a child process on a free loopback port: a push
 * service that checks the VAPID token and decrypts what it receives, and answers what it got.
 */
final class WebPushTestingService implements AutoCloseable {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  private final int port;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private WebPushTestingService(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts the service and waits until it answers. */
  static WebPushTestingService start() throws IOException, InterruptedException {
    Path server = NodePeers.modules().resolve("web-push-testing").resolve("src/bin/server.js");
    int port = freeLoopbackPort();
    Process process =
        new ProcessBuilder("node", server.toString(), Integer.toString(port))
            .redirectErrorStream(true)
            .redirectOutput(NodePeers.TARGET.resolve("web-push-testing-" + port + ".log").toFile())
            .start();
    WebPushTestingService service = new WebPushTestingService(process, port);
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "web-push-testing exited with " + process.exitValue() + " on port " + port);
      }
      try {
        if (service.post("/status", "{}").statusCode() == 200) {
          return service;
        }
      } catch (IOException notYet) {
        // Still starting.
      }
      if (Instant.now().isAfter(deadline)) {
        service.close();
        throw new IllegalStateException("web-push-testing did not answer in " + START_TIMEOUT);
      }
      Thread.sleep(100);
    }
  }

  /** A new subscription for an application server with {@code vapidPublicKey}. */
  Subscribed subscribe(String vapidPublicKey) throws IOException, InterruptedException {
    HttpResponse<String> response =
        post(
            "/subscribe",
            MAPPER.createObjectNode().put("applicationServerKey", vapidPublicKey).toString());
    JsonNode data = requireOk(response).get("data");
    return new Subscribed(
        PushSubscription.of(
            data.get("endpoint").asText(),
            data.get("keys").get("p256dh").asText(),
            data.get("keys").get("auth").asText()),
        data.get("clientHash").asText());
  }

  /** The payloads the subscription has received and decrypted, oldest first. */
  List<String> messages(Subscribed subscribed) throws IOException, InterruptedException {
    HttpResponse<String> response =
        post(
            "/get-notifications",
            MAPPER.createObjectNode().put("clientHash", subscribed.clientHash()).toString());
    List<String> messages = new ArrayList<>();
    requireOk(response).get("data").get("messages").forEach(m -> messages.add(m.asText()));
    return messages;
  }

  /** Makes the subscription expired, as a browser that unsubscribed. */
  void expire(Subscribed subscribed) throws IOException, InterruptedException {
    HttpResponse<String> response = post("/expire-subscription/" + subscribed.clientHash(), "{}");
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "expire answered " + response.statusCode() + ": " + response.body());
    }
  }

  private static JsonNode requireOk(HttpResponse<String> response) throws IOException {
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "web-push-testing answered " + response.statusCode() + ": " + response.body());
    }
    return MAPPER.readTree(response.body());
  }

  private HttpResponse<String> post(String path, String json)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int freeLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** A subscription and the service's handle on it. */
  record Subscribed(PushSubscription subscription, String clientHash) {}
}
