package org.tocsin.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tocsin.alert.AlertStatus;
import org.tocsin.area.AreaSets;
import org.tocsin.store.TestDatabase;

/**
 * Clients that announce a large body and send it a byte at a time (slowloris) hold no server
 * resources for long: the server keeps answering others, and drops them.
 */
class SlowClientsTest {

  private static final int SLOW_CLIENTS = 300;

  private final ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
  private final List<Socket> sockets = new ArrayList<>();
  @TempDir Path dir;
  private AutoCloseable server;
  private int port;

  @AfterEach
  void stop() throws Exception {
    trickle.shutdownNow();
    for (Socket socket : sockets) {
      socket.close();
    }
    server.close();
  }

  @Test
  void slowBodiesNeitherStallTheServerNorStayConnected() throws Exception {
    // The login reads its body before anyone is authenticated.
    ConsoleServer console = new ConsoleServer(TestDatabase.Backend.H2, dir, AlertStatus.EXERCISE);
    server = console;
    port = URI.create(console.base()).getPort();
    // A large upload first: the slow ones are judged by their own rate, not the server's.
    assertThat(postLogin(new byte[2 << 20])).isEqualTo(400);
    for (int i = 0; i < SLOW_CLIENTS; i++) {
      Socket socket = new Socket();
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      socket
          .getOutputStream()
          .write(
              ("POST /api/v1/session HTTP/1.1\r\nHost: localhost\r\n"
                      + "Content-Type: application/json\r\nContent-Length: 1000000\r\n\r\n[")
                  .getBytes(StandardCharsets.US_ASCII));
      sockets.add(socket);
    }
    trickle.scheduleAtFixedRate(this::oneByteEach, 2, 2, TimeUnit.SECONDS);
    Thread.sleep(4_000);

    // Another client address: the limit of connections per client must not be what saves it.
    assertThat(healthStatusLine("127.0.0.2")).isEqualTo("HTTP/1.1 200 OK");

    Thread.sleep(4_000);
    long open = sockets.stream().filter(SlowClientsTest::stillOpen).count();
    assertThat(open).as("slow connections still open after 8 s").isZero();
  }

  @Test
  void oneClientAddressHoldsAtMostItsLimitOfConnections() throws Exception {
    WebServer web =
        WebServer.start(
            new SeaImpactReplay().live,
            AreaSets.bundled("ua-oblasts"),
            ServerOptions.defaults(0, SensorAuthenticator.NONE).withMaxConnectionsPerClient(64));
    server = web;
    port = web.port();
    for (int i = 0; i < 100; i++) {
      Socket socket = new Socket();
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      sockets.add(socket);
    }

    long open = sockets.stream().filter(SlowClientsTest::stillOpen).count();
    assertThat(open).isEqualTo(64);
    assertThat(healthStatusLine("127.0.0.2")).isEqualTo("HTTP/1.1 200 OK");
  }

  private int postLogin(byte[] body) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  /** GET /health from {@code localAddress}, waiting at most 5 s for the answer's first line. */
  private String healthStatusLine(String localAddress) throws IOException {
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
      socket.setSoTimeout(5_000);
      socket
          .getOutputStream()
          .write(
              "GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      byte[] answer = socket.getInputStream().readNBytes(15);
      return new String(answer, StandardCharsets.US_ASCII);
    }
  }

  private void oneByteEach() {
    for (Socket socket : sockets) {
      try {
        OutputStream out = socket.getOutputStream();
        out.write(' ');
        out.flush();
      } catch (IOException e) {
        // dropped by the server: what it should do
      }
    }
  }

  /** Whether the server has neither closed the connection nor answered on it. */
  private static boolean stillOpen(Socket socket) {
    try {
      socket.setSoTimeout(100);
      InputStream in = socket.getInputStream();
      in.read();
      return false;
    } catch (SocketTimeoutException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
