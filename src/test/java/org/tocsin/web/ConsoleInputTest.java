package org.tocsin.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
   */
  @Test
  void aBodyOverTheLimitIsAProblemDocument() throws Exception {
    byte[] big = ("{\"name\":\"" + "x".repeat(5 << 20) + "\"}").getBytes(StandardCharsets.UTF_8);
    for (HttpRequest.BodyPublisher body :
        List.of(
            HttpRequest.BodyPublishers.ofByteArray(big),
            HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))) {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/session"))
                      .header("Content-Type", "application/json")
                      .POST(body)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(413);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValue("application/problem+json; charset=utf-8");
      assertThat(ConsoleClient.MAPPER.readTree(response.body()).get("detail").asText())
          .startsWith("body: too large");
    }
  }
}
