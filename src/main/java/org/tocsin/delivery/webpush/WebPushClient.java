package org.tocsin.delivery.webpush;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Sends push messages to push services (RFC 8030 §5): encrypts the payload for the subscription
 * ({@link WebPushEncryptor}), signs for the push service ({@link VapidTokens}), posts, and says
 * what the answer means ({@link PushResult.Outcome}). HTTP/2 where the push service offers it,
 * HTTP/1.1 otherwise; redirects are not followed (a push service does not redirect). The client
 * does not bound the requests in flight: a fan-out caller does, since it also owns the retries.
 */
public final class WebPushClient {

  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  /** Of a push service's answer, only this much is kept: enough to say why. */
  public static final int MAX_REASON_BYTES = 512;

  /** A longer Retry-After is taken as a day: a warning is useless after that. */
  public static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);

  private final HttpClient http;
  private final VapidTokens tokens;
  private final WebPushEncryptor encryptor;
  private final Clock clock;
  private final Duration requestTimeout;

  /**
   * @param requestTimeout how long one request may take, from sending to the status line
   */
  public WebPushClient(
      HttpClient http,
      VapidTokens tokens,
      WebPushEncryptor encryptor,
      Clock clock,
      Duration requestTimeout) {
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("requestTimeout must be positive, was " + requestTimeout);
    }
    this.http = http;
    this.tokens = tokens;
    this.encryptor = encryptor;
    this.clock = clock;
    this.requestTimeout = requestTimeout;
  }

  /**
   * A client with its own HTTP client, the default timeouts and BouncyCastle's P-256.
   *
   * @param subject the contact for push services' operators: {@code mailto:} or {@code https:}
   */
  public static WebPushClient create(VapidKeys keys, String subject, Clock clock) {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_2)
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    return new WebPushClient(
        http,
        new VapidTokens(keys, subject, clock),
        WebPushEncryptor.create(),
        clock,
        REQUEST_TIMEOUT);
  }

  /**
   * Sends {@code payload} and waits for the answer.
   *
   * @throws IllegalArgumentException when the payload is too long to encrypt in one record
   */
  public PushResult send(PushSubscription subscription, byte[] payload, PushOptions options) {
    return sendAsync(subscription, payload, options).join();
  }

  /**
   * Encrypts and signs on the calling thread, then posts without blocking it. The future never
   * fails: a transport error is a {@link PushResult.Outcome#RETRY}.
   *
   * @throws IllegalArgumentException when the payload is too long to encrypt in one record
   */
  public CompletableFuture<PushResult> sendAsync(
      PushSubscription subscription, byte[] payload, PushOptions options) {
    HttpRequest request = request(subscription, payload, options);
    return http.sendAsync(request, responses -> BoundedText.subscriber(MAX_REASON_BYTES))
        .handle(
            (response, failure) ->
                failure == null ? result(response) : transportFailure(unwrap(failure)));
  }

  /** The request for one message: the encrypted body and the headers RFC 8030 and 8292 name. */
  HttpRequest request(PushSubscription subscription, byte[] payload, PushOptions options) {
    byte[] body = encryptor.encrypt(subscription, payload);
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(subscription.endpoint())
            .timeout(requestTimeout)
            .header("Content-Type", "application/octet-stream")
            .header("Content-Encoding", "aes128gcm")
            .header("TTL", Long.toString(options.ttl().toSeconds()))
            .header("Urgency", options.urgency().header())
            .header("Authorization", tokens.authorization(subscription))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    options.topic().ifPresent(topic -> builder.header("Topic", topic));
    if (subscription.endpoint().getScheme().equalsIgnoreCase("http")) {
      // Plain http is only ever a loopback test service: no h2c upgrade dance.
      builder.version(HttpClient.Version.HTTP_1_1);
    }
    return builder.build();
  }

  private PushResult result(HttpResponse<String> response) {
    int status = response.statusCode();
    String reason = response.body();
    OptionalInt code = OptionalInt.of(status);
    if (status >= 200 && status < 300) {
      return new PushResult(PushResult.Outcome.DELIVERED, code, Optional.empty(), reason);
    }
    if (status == 404 || status == 410) {
      return new PushResult(PushResult.Outcome.GONE, code, Optional.empty(), reason);
    }
    if (status == 429 || status >= 500) {
      Optional<Duration> retryAfter =
          response.headers().firstValue("Retry-After").flatMap(this::retryAfter);
      return new PushResult(PushResult.Outcome.RETRY, code, retryAfter, reason);
    }
    return new PushResult(PushResult.Outcome.FAILED, code, Optional.empty(), reason);
  }

  private static PushResult transportFailure(Throwable failure) {
    String reason = failure.getClass().getSimpleName() + ": " + failure.getMessage();
    if (!(failure instanceof IOException)) {
      // Not the network: a bug or a refused request; say so rather than retry forever.
      return new PushResult(
          PushResult.Outcome.FAILED, OptionalInt.empty(), Optional.empty(), reason);
    }
    return new PushResult(PushResult.Outcome.RETRY, OptionalInt.empty(), Optional.empty(), reason);
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  /**
   * {@code Retry-After} (RFC 9110 §10.2.3): delay seconds or an HTTP date, capped at {@link
   * #MAX_RETRY_AFTER}; absent when unreadable.
   */
  Optional<Duration> retryAfter(String value) {
    String text = value.trim();
    Duration wait;
    if (text.matches("\\d{1,10}")) {
      wait = Duration.ofSeconds(Long.parseLong(text));
    } else {
      try {
        ZonedDateTime at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
        wait = Duration.between(clock.instant(), at.toInstant());
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
    if (wait.isNegative()) {
      return Optional.of(Duration.ZERO);
    }
    return Optional.of(wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait);
  }
}
