package org.tocsin.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tocsin.alert.AlertStatus;
import org.tocsin.store.TestDatabase.Backend;

/**
 * Every response, every page above all, carries the Content-Security-Policy and the headers beside
 * it, on a server with the console: the pages by route and by file, the scripts, the API, and the
 * errors.
 */
class SecurityHeadersTest {

  private static final String POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
          + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
          + "form-action 'self'; frame-ancestors 'none'";

  @TempDir Path dir;
  private ConsoleServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    server = new ConsoleServer(Backend.H2, dir, AlertStatus.ACTUAL);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void everyPageTheServerSendsCarriesThePolicy() throws Exception {
    List<String> pages = new ArrayList<>(List.of("/", "/console"));
    pages.addAll(htmlFiles());
    assertThat(pages).contains("/index.html", "/console.html");
    for (String path : pages) {
      HttpResponse<String> response = get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type"))
          .as(path)
          .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
      assertSecured(path, response);
    }
  }

  @Test
  void scriptsDataAndErrorsCarryItToo() throws Exception {
    for (String path :
        List.of(
            "/app.js",
            "/console.css",
            "/webjars/leaflet/1.9.4/dist/leaflet.js",
            "/api/v1/alerts",
            "/api/v1/session",
            "/feed.atom",
            "/no/such/page")) {
      assertSecured(path, get(path));
    }
  }

  @Test
  void jettysOwnErrorPagesForMalformedRequestsCarryItToo() throws Exception {
    String badUri = "GET /%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
    String hugeHeader =
        "GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: "
            + "a".repeat(20_000)
            + "\r\nConnection: close\r\n\r\n";
    for (String request : List.of(badUri, hugeHeader)) {
      String response = raw(request);
      String head = response.substring(0, response.indexOf("\r\n\r\n"));
      assertThat(head).as(head).matches("(?s)HTTP/1\\.1 4\\d\\d .*Content-Type: text/html.*");
      assertThat(head)
          .contains("\r\nContent-Security-Policy: " + POLICY + "\r\n")
          .contains("\r\nX-Content-Type-Options: nosniff\r\n")
          .contains("\r\nReferrer-Policy: no-referrer\r\n");
    }
  }

  private void assertSecured(String path, HttpResponse<String> response) {
    assertThat(response.headers().firstValue("Content-Security-Policy"))
        .as(path + " Content-Security-Policy")
        .hasValue(POLICY);
    assertThat(response.headers().firstValue("X-Content-Type-Options"))
        .as(path + " X-Content-Type-Options")
        .hasValue("nosniff");
    assertThat(response.headers().firstValue("Referrer-Policy"))
        .as(path + " Referrer-Policy")
        .hasValue("no-referrer");
  }

  /** The HTML files among the public files, as paths the server serves them at. */
  private static List<String> htmlFiles() throws Exception {
    URL root = SecurityHeadersTest.class.getResource("/org/tocsin/web/public");
    Path dir = Path.of(root.toURI());
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".html"))
          .map(f -> "/" + dir.relativize(f).toString().replace('\\', '/'))
          .sorted()
          .toList();
    }
  }

  /** A request written as is: Java's client will not send a malformed one. */
  private String raw(String request) throws Exception {
    try (Socket socket = new Socket("localhost", URI.create(server.base()).getPort())) {
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(server.base() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
