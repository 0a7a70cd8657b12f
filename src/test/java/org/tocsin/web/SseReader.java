package org.tocsin.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** An event-stream connection read line by line, as a client that is no browser reads it. */
final class SseReader implements AutoCloseable {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  final HttpResponse<Stream<String>> response;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

  private SseReader(HttpResponse<Stream<String>> response) {
    this.response = response;
    Thread reader =
        new Thread(
            () -> {
              try {
                response.body().forEach(lines::add);
              } catch (RuntimeException e) {
                // Closed.
              }
            },
            "sse-test-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /** Connects with exactly these headers (none: Java's client sends no Accept of its own). */
  static SseReader open(String url, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
    headers.forEach(request::header);
    return new SseReader(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines()));
  }

  /** The lines read until one matches, within {@code timeout}; fails when none does. */
  List<String> until(Predicate<String> last, Duration timeout) throws InterruptedException {
    List<String> read = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new AssertionError("no matching line within " + timeout + "; read " + read);
      }
      read.add(line);
      if (last.test(line)) {
        return read;
      }
    }
  }

  @Override
  public void close() {
    response.body().close();
  }
}
