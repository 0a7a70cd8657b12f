package org.tocsin.delivery.webpush;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tocsin.store.MutableClock;

/**
 * The client against a real HTTP server on loopback that answers as a push service would, and
 * decrypts what it receives with the user agent's keys.
 */
class WebPushClientTest {

  private static final Instant NOW = Instant.parse("2026-12-02T09:00:00Z");

  private final MutableClock clock = new MutableClock(NOW);
  private final VapidKeys vapid = VapidKeys.generate();
  private final WebPushClient client =
      new WebPushClient(
          HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
          new VapidTokens(vapid, "mailto:ops@tocsin.example", clock),
          WebPushEncryptor.create(),
          clock,
          Duration.ofSeconds(5));
  private final KeyPair ua = UserAgents.keyPair();
  private final byte[] auth = UserAgents.auth();
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final AtomicReference<Headers> lastHeaders = new AtomicReference<>();
  private final AtomicReference<byte[]> lastBody = new AtomicReference<>();
  private HttpServer server;

  private record Answer(int status, Map<String, String> headers, String body) {}

  @BeforeEach
  void startPushService() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/push/", this::answer);
    server.start();
  }

  @AfterEach
  void stopPushService() {
    server.stop(0);
  }

  private void answer(HttpExchange exchange) throws IOException {
    lastHeaders.set(exchange.getRequestHeaders());
    lastBody.set(exchange.getRequestBody().readAllBytes());
    String id = exchange.getRequestURI().getPath().substring("/push/".length());
    Answer answer = answers.getOrDefault(id, new Answer(201, Map.of(), ""));
    answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private PushSubscription subscription(String id) {
    return UserAgents.subscription(
        "http://127.0.0.1:" + server.getAddress().getPort() + "/push/" + id, ua, auth);
  }

  @Test
  void aMessageArrivesEncryptedWithTheHeadersOfRfc8030() throws Exception {
    byte[] payload = "{\"level\":\"shelter\"}".getBytes(StandardCharsets.UTF_8);

    PushResult result =
        client.send(
            subscription("a"),
            payload,
            PushOptions.of(Duration.ofMinutes(9)).withTopic("threat-T1"));

    assertThat(result.outcome()).isEqualTo(PushResult.Outcome.DELIVERED);
    assertThat(result.httpStatus()).isEqualTo(OptionalInt.of(201));
    Headers headers = lastHeaders.get();
    assertThat(headers.getFirst("Content-Encoding")).isEqualTo("aes128gcm");
    assertThat(headers.getFirst("TTL")).isEqualTo("540");
    assertThat(headers.getFirst("Urgency")).isEqualTo("high");
    assertThat(headers.getFirst("Topic")).isEqualTo("threat-T1");
    assertThat(headers.getFirst("Authorization"))
        .startsWith("vapid t=")
        .endsWith(", k=" + vapid.publicKeyBase64Url());
    assertThat(Aes128GcmDecryptor.decrypt(lastBody.get(), ua, auth)).isEqualTo(payload);
  }

  @Test
  void goneAndNotFoundSayTheSubscriptionIsToBeRemoved() {
    answers.put("gone", new Answer(410, Map.of(), "{\"reason\":\"expired\"}"));
    answers.put("missing", new Answer(404, Map.of(), ""));
    PushOptions options = PushOptions.of(Duration.ofMinutes(1));

    PushResult gone = client.send(subscription("gone"), new byte[1], options);
    PushResult missing = client.send(subscription("missing"), new byte[1], options);

    assertThat(gone.outcome()).isEqualTo(PushResult.Outcome.GONE);
    assertThat(gone.reason()).isEqualTo("{\"reason\":\"expired\"}");
    assertThat(missing.outcome()).isEqualTo(PushResult.Outcome.GONE);
    assertThat(missing.httpStatus()).isEqualTo(OptionalInt.of(404));
  }

  @Test
  void tooManyRequestsAndServerErrorsAreRetriedAfterWhatThePushServiceAsks() {
    answers.put("busy", new Answer(429, Map.of("Retry-After", "7"), ""));
    String inTwoMinutes =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(120).atOffset(ZoneOffset.UTC));
    answers.put("down", new Answer(503, Map.of("Retry-After", inTwoMinutes), ""));
    answers.put("broken", new Answer(500, Map.of("Retry-After", "soon"), ""));
    answers.put("greedy", new Answer(429, Map.of("Retry-After", "9999999"), ""));
    PushOptions options = PushOptions.of(Duration.ofMinutes(1));

    PushResult busy = client.send(subscription("busy"), new byte[1], options);
    PushResult down = client.send(subscription("down"), new byte[1], options);
    PushResult broken = client.send(subscription("broken"), new byte[1], options);
    PushResult greedy = client.send(subscription("greedy"), new byte[1], options);

    assertThat(List.of(busy, down, broken, greedy))
        .extracting(PushResult::outcome)
        .containsOnly(PushResult.Outcome.RETRY);
    assertThat(busy.retryAfter()).contains(Duration.ofSeconds(7));
    assertThat(down.retryAfter()).contains(Duration.ofSeconds(120));
    assertThat(broken.retryAfter()).isEmpty();
    assertThat(greedy.retryAfter()).contains(WebPushClient.MAX_RETRY_AFTER);
  }

  @Test
  void otherClientErrorsFailWithAReasonOfBoundedLength() {
    answers.put("bad", new Answer(400, Map.of(), "x".repeat(100_000)));
    answers.put("moved", new Answer(301, Map.of("Location", "https://elsewhere.example"), ""));
    PushOptions options = PushOptions.of(Duration.ofMinutes(1));

    PushResult bad = client.send(subscription("bad"), new byte[1], options);
    PushResult moved = client.send(subscription("moved"), new byte[1], options);

    assertThat(bad.outcome()).isEqualTo(PushResult.Outcome.FAILED);
    assertThat(bad.reason()).hasSize(WebPushClient.MAX_REASON_BYTES);
    assertThat(moved.outcome()).isEqualTo(PushResult.Outcome.FAILED);
    assertThat(moved.httpStatus()).isEqualTo(OptionalInt.of(301));
  }

  @Test
  void noAnswerIsARetryWithoutAStatus() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    PushSubscription nobody =
        UserAgents.subscription("http://127.0.0.1:" + closedPort + "/push/x", ua, auth);

    PushResult result = client.send(nobody, new byte[1], PushOptions.of(Duration.ofMinutes(1)));

    assertThat(result.outcome()).isEqualTo(PushResult.Outcome.RETRY);
    assertThat(result.httpStatus()).isEmpty();
    assertThat(result.retryAfter()).isEqualTo(Optional.empty());
    assertThat(result.reason()).contains("ConnectException");
  }

  @Test
  void optionsRefuseATopicOrTtlPushServicesWouldNot() {
    PushOptions options = PushOptions.of(Duration.ofMinutes(1));

    assertThatThrownBy(() -> options.withTopic("a".repeat(33)))
        .hasMessageStartingWith("topic must be 1 to 32 characters of A-Z a-z 0-9 - _");
    assertThatThrownBy(() -> options.withTopic("threat/1")).hasMessageContaining("was 'threat/1'");
    assertThatThrownBy(() -> PushOptions.of(Duration.ofSeconds(-1)))
        .hasMessage("ttl must be within [0 s, 2419200 s], was -1 s");
    assertThat(options.withUrgency(PushOptions.Urgency.VERY_LOW).urgency().header())
        .isEqualTo("very-low");
  }
}
