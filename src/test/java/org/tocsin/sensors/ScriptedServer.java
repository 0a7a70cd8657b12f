package org.tocsin.sensors;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A server that answers report posts as told, one scripted answer per request, then 202: a node
 * that is busy or failing over, which a real server cannot be made to be on cue. It keeps what it
 * was sent.
 */
final class ScriptedServer implements AutoCloseable {

  /** An answer: status, body (a problem document or nothing), Retry-After (or null). */
  record Answer(int status, String body, String retryAfter) {}

  /** A request received. */
  record Received(String authorization, String body) {}

  private final HttpServer server;
  private final Deque<Answer> script = new ArrayDeque<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();

  ScriptedServer(List<Answer> answers) throws IOException {
    script.addAll(answers);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          received.add(new Received(exchange.getRequestHeaders().getFirst("Authorization"), body));
          Answer answer;
          synchronized (script) {
            answer = script.isEmpty() ? new Answer(202, "{\"accepted\": 1}", null) : script.poll();
          }
          byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
          if (answer.retryAfter() != null) {
            exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
          }
          exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
          exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
