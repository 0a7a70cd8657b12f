package org.tocsin.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.tocsin.alert.AlertStatus;
import org.tocsin.store.TestDatabase.Backend;

/**
 * What the console's API refuses, on PostgreSQL (which refuses NUL in text): every refusal is a 400
 * naming the field and the rule, and stores nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleInputTest {

  @TempDir static Path dir;
  private ConsoleServer server;

  @BeforeAll
  void start() throws Exception {
    server = new ConsoleServer(Backend.POSTGRESQL, dir, AlertStatus.ACTUAL);
  }

  @AfterAll
  void stop() throws Exception {
    server.close();
  }

  /** A closed ring of {@code vertices} corners around Kyiv. */
  private static ObjectNode polygon(int vertices) {
    ObjectNode polygon = ConsoleClient.MAPPER.createObjectNode().put("type", "Polygon");
    ArrayNode ring = polygon.putArray("coordinates").addArray();
    for (int i = 0; i < vertices; i++) {
      double angle = 2 * Math.PI * i / vertices;
      ring.addArray().add(30.5 + 0.1 * Math.cos(angle)).add(50.45 + 0.1 * Math.sin(angle));
    }
    ring.add(ring.get(0).deepCopy());
    return polygon;
  }

  @Test
  void aPolygonOfMoreThanAThousandVerticesIsRefusedAtOnce() throws Exception {
    ConsoleClient viewer = server.client("vika");
    ObjectNode body = ConsoleClient.MAPPER.createObjectNode();
    body.set("polygon", polygon(100_000));

    long startNanos = System.nanoTime();
    ConsoleClient.Response refused = viewer.post("/api/v1/audience", body);
    Duration took = Duration.ofNanos(System.nanoTime() - startNanos);

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.detail()).isEqualTo("polygon: at most 1000 vertices, was 100000");
    assertThat(took).isLessThan(Duration.ofSeconds(5));
    body.set("polygon", polygon(1_000));
    assertThat(viewer.post("/api/v1/audience", body).status()).isEqualTo(200);

    ObjectNode draft = ConsoleApiTest.draftBody("Exercise", "exercise-shelter");
    draft.set("polygon", polygon(100_000));
    ConsoleClient olena = server.client("olena");
    int drafts = olena.get("/api/v1/drafts").json().get("drafts").size();
    assertThat(olena.post("/api/v1/drafts", draft).detail())
        .isEqualTo("polygon: at most 1000 vertices, was 100000");
    assertThat(olena.get("/api/v1/drafts").json().get("drafts")).hasSize(drafts);
  }

  @Test
  void minutesBeyondTheIntegersAreRefusedNotWrapped() throws Exception {
    ObjectNode draft = ConsoleApiTest.draftBody("Exercise", "exercise-shelter", "UA8000000");
    draft.put("minutesToArrival", 4_294_967_306L);

    ConsoleClient.Response refused = server.client("olena").post("/api/v1/drafts", draft);

    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.detail())
        .isEqualTo("minutesToArrival: must be a whole number within [0, 60], was 4294967306");
  }

  @Test
  void textsRefuseCharactersXmlCannotCarry() throws Exception {
    ObjectNode draft = ConsoleApiTest.draftBody("Exercise", "exercise-shelter", "UA8000000");
    draft
        .putObject("text")
        .put("headlineEn", "Shelter\u0000now")
        .put("instructionUk", "Йдіть\u001b");
    ConsoleClient olena = server.client("olena");

    ConsoleClient.Response refused = olena.post("/api/v1/drafts", draft);

    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.detail())
        .contains(
            "text.headlineEn: must not contain U+0000, a character XML 1.0 cannot carry, at 7")
        .contains(
            "text.instructionUk: must not contain U+001B, a character XML 1.0 cannot carry, at 5");

    long id = server.draft(ConsoleApiTest.draftBody("Exercise", "exercise-shelter", "UA8000000"));
    ConsoleClient.Response nul =
        server
            .client("petro")
            .post("/api/v1/drafts/" + id + "/reject", "{\"reason\":\"a\\u0000b\"}");
    assertThat(nul.status()).as(nul.body()).isEqualTo(400);
    assertThat(nul.detail())
        .isEqualTo("reason: must not contain U+0000, a character XML 1.0 cannot carry, at 1");
    assertThat(olena.get("/api/v1/drafts/" + id).json().get("state").asText()).isEqualTo("pending");
  }

  /**
   * Answers with a body over the server's limit, sized ahead and chunked, are problem documents.
   * Raw sockets: the server answers as soon as it knows, and closes while the client still writes;
   * a client that stops reading at its first failed write (java.net.http does) would miss it.
   */
  @Test
  void aBodyOverTheLimitIsAProblemDocument() throws Exception {
    int port = URI.create(server.base()).getPort();
    byte[] part = "x".repeat(64 << 10).getBytes(StandardCharsets.US_ASCII);
    String sized =
        "POST /api/v1/session HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            + "Content-Length: "
            + (5 << 20)
            + "\r\nConnection: close\r\n\r\n";
    String chunked =
        "POST /api/v1/session HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
    for (String head : List.of(sized, chunked)) {
      try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
        socket.setSoTimeout(30_000);
        Thread writer =
            new Thread(
                () -> {
                  try {
                    var out = socket.getOutputStream();
                    out.write(head.getBytes(StandardCharsets.US_ASCII));
                    for (int i = 0; i < 80; i++) {
                      if (head == chunked) {
                        out.write((Integer.toHexString(part.length) + "\r\n").getBytes());
                      }
                      out.write(part);
                      if (head == chunked) {
                        out.write("\r\n".getBytes());
                      }
                    }
                  } catch (java.io.IOException closedByTheServer) {
                    // The server answered and closed: what this test reads.
                  }
                });
        writer.start();
        String response =
            new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        writer.join(30_000);

        assertThat(response).as(head).startsWith("HTTP/1.1 413");
        assertThat(response).containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(response).contains("\"detail\":\"body: too large");
      }
    }
  }
}
