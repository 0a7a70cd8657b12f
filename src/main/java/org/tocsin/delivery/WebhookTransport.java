package org.tocsin.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Delivers to a webhook: a POST of the payload with {@code Tocsin-Signature} and {@code
 * Tocsin-Delivery} (the idempotency key). A 2xx answer within {@link #TIMEOUT} is success; anything
 * else (another status, a timeout, a refused connection) is retried, honouring a Retry-After in
 * seconds; a webhook removed meanwhile is given up. Redirects are not followed: a signed delivery
 * goes only where the institution registered it.
 */
public final class WebhookTransport implements Transport {

  /** How long a receiver has to answer. */
  public static final Duration TIMEOUT = Duration.ofSeconds(10);

  private static final Duration CACHED_FOR = Duration.ofSeconds(10);

  private final Webhooks webhooks;
  private final java.util.Map<String, Known> known = new java.util.concurrent.ConcurrentHashMap<>();
  private final HttpClient http;
  private final Clock clock;

  /**
   * @param clock dates the signatures
   */
  public WebhookTransport(Webhooks webhooks, Clock clock) {
    this.webhooks = Objects.requireNonNull(webhooks, "webhooks");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public Outcome send(Delivery delivery) {
    Optional<WebhookSubscriber> webhook = webhook(delivery.subscriberId());
    if (webhook.isEmpty()) {
      return new Outcome.Failed("webhook " + delivery.subscriberId() + " was removed");
    }
    byte[] body = delivery.payloadJson().getBytes(StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(webhook.get().url())
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .header("User-Agent", "Tocsin")
            .header(
                WebhookSignature.HEADER,
                WebhookSignature.header(webhook.get().secret(), clock.instant(), body))
            .header("Tocsin-Delivery", delivery.idempotencyKey())
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    try {
      HttpResponse<InputStream> response =
          http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      // The answer's body is not wanted: closing it unread keeps a receiver from holding a
      // sender with an endless one.
      response.body().close();
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        return Outcome.delivered();
      }
      return new Outcome.Retry("HTTP " + status, retryAfter(response));
    } catch (HttpTimeoutException e) {
      return Outcome.retry("no answer within " + TIMEOUT.toSeconds() + " s");
    } catch (IOException e) {
      return Outcome.retry("cannot reach the webhook: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Outcome.retry("interrupted: the worker is stopping");
    }
  }

  @Override
  public void remove(String subscriberId) {
    webhooks.remove(subscriberId);
    known.remove(subscriberId);
  }

  private record Known(Optional<WebhookSubscriber> webhook, Instant readAt) {}

  /**
   * The webhook, read again once {@link #CACHED_FOR} old: a fan-out sends one message to each
   * webhook, but an Update follows its Alert within seconds. A webhook removed meanwhile may have
   * one more delivery within that time. At most {@link Webhooks#MAX_WEBHOOKS} entries.
   */
  private Optional<WebhookSubscriber> webhook(String id) {
    Instant now = clock.instant();
    Known cached = known.get(id);
    if (cached != null && cached.readAt().plus(CACHED_FOR).isAfter(now)) {
      return cached.webhook();
    }
    Optional<WebhookSubscriber> read = webhooks.find(id);
    if (known.size() >= Webhooks.MAX_WEBHOOKS) {
      known.clear();
    }
    known.put(id, new Known(read, now));
    return read;
  }

  private static Optional<Duration> retryAfter(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .filter(value -> value.matches("\\d{1,6}"))
        .map(value -> Duration.ofSeconds(Long.parseLong(value)));
  }
}
