package org.tocsin.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * An event-stream client on a bare socket, read on the caller's thread: hundreds of them cost the
 * test no thread each, so that the server's threads can be counted, and one can leave with a TCP
 * reset as a phone that loses its signal does.
 */
final class SocketSseClient implements AutoCloseable {

  private final Socket socket;
  private final BufferedReader in;

  private SocketSseClient(Socket socket) throws IOException {
    this.socket = socket;
    this.in =
        new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
  }

  /** Sends {@code GET /api/v1/events} with these headers; reads nothing yet. */
  static SocketSseClient connect(int port, Map<String, String> headers) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("localhost", port), 5_000);
    StringBuilder request =
        new StringBuilder("GET /api/v1/events HTTP/1.1\r\nHost: localhost:" + port + "\r\n");
    headers.forEach(
        (name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
    OutputStream out = socket.getOutputStream();
    out.write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return new SocketSseClient(socket);
  }

  /**
   * The lines read (status line, headers and chunk-size lines included) until one matches.
   *
   * @throws AssertionError when none does within {@code timeout} or the server closes first
   */
  List<String> until(Predicate<String> last, Duration timeout) throws IOException {
    List<String> read = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long leftMs = (deadline - System.nanoTime()) / 1_000_000;
      if (leftMs <= 0) {
        throw new AssertionError("no matching line within " + timeout + "; read " + read);
      }
      socket.setSoTimeout((int) leftMs);
      String line;
      try {
        line = in.readLine();
      } catch (SocketTimeoutException e) {
        throw new AssertionError("no matching line within " + timeout + "; read " + read, e);
      }
      if (line == null) {
        throw new AssertionError("the server closed the stream; read " + read);
      }
      read.add(line);
      if (last.test(line)) {
        return read;
      }
    }
  }

  /** Leaves abruptly: a TCP reset, not an orderly close. */
  void reset() throws IOException {
    socket.setSoLinger(true, 0);
    socket.close();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
