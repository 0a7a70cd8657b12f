package org.tocsin.delivery.webpush;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.tocsin.delivery.Delivery;
import org.tocsin.delivery.Outcome;
import org.tocsin.delivery.PushSubscriptions;
import org.tocsin.delivery.Transport;

/**
 * Web Push as a delivery channel: each delivery encrypted for its subscription and handed to the
 * browser's push service, urgent, with a TTL no longer than the message stays true, and a topic per
 * threat, so that a newer message of a threat replaces an older one still queued for a phone that
 * was off.
 */
public final class WebPushTransport implements Transport {

  /**
   * How long after the latest arrival it names a warning is still worth showing: people then stay
   * in shelter until the all-clear, which comes as a message of its own.
   */
  static final Duration AFTER_ARRIVAL = Duration.ofMinutes(10);

  /** How long a Cancel or an all-clear is worth showing. */
  static final Duration ENDED_TTL = Duration.ofMinutes(30);

  /** No message is kept longer: a warning an hour old is history, not a warning. */
  static final Duration MAX_TTL = Duration.ofHours(1);

  static final Duration MIN_TTL = Duration.ofMinutes(1);

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final PushSubscriptions subscriptions;
  private final WebPushClient client;
  private final Clock clock;

  public WebPushTransport(PushSubscriptions subscriptions, WebPushClient client, Clock clock) {
    this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
    this.client = Objects.requireNonNull(client, "client");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Outcome send(Delivery delivery) {
    Optional<org.tocsin.delivery.PushSubscription> stored =
        subscriptions.find(delivery.subscriberId());
    if (stored.isEmpty()) {
      return new Outcome.Failed("push subscription " + delivery.subscriberId() + " was removed");
    }
    JsonNode message;
    try {
      message = MAPPER.readTree(delivery.payloadJson());
    } catch (IOException e) {
      return new Outcome.Failed("the payload is not JSON: " + e.getMessage());
    }
    PushSubscription target;
    try {
      target =
          PushSubscription.of(
              stored.get().endpoint().toString(), stored.get().p256dh(), stored.get().auth());
    } catch (IllegalArgumentException e) {
      // Checked when it was made; a subscription that no longer reads is of no use to anyone.
      return new Outcome.Gone("the stored subscription is unusable: " + e.getMessage());
    }
    PushOptions options =
        PushOptions.of(ttl(message, clock.instant()))
            .withUrgency(PushOptions.Urgency.HIGH)
            .withTopic(topic(message.path("threat").asText("")));
    PushResult result = client.send(target, fitted(message), options);
    return switch (result.outcome()) {
      case DELIVERED -> Outcome.delivered();
      case GONE -> new Outcome.Gone(result.reason());
      case RETRY -> new Outcome.Retry(result.reason(), result.retryAfter());
      case FAILED -> new Outcome.Failed(result.reason());
    };
  }

  @Override
  public void remove(String subscriberId) {
    subscriptions.removeGone(subscriberId);
  }

  /**
   * How long the push service may hold the message for a phone that is off: until a little after
   * the latest arrival it names, within [{@link #MIN_TTL}, {@link #MAX_TTL}]; a Cancel or an
   * all-clear {@link #ENDED_TTL}.
   */
  static Duration ttl(JsonNode message, Instant now) {
    String level = message.path("level").asText("none");
    if ("none".equals(level) || "Cancel".equals(message.path("msgType").asText())) {
      return ENDED_TTL;
    }
    Instant latest = null;
    for (JsonNode area : message.path("areas")) {
      JsonNode time = area.path("earliestArrival");
      if (!time.isTextual()) {
        continue; // an area without a time (an authority's advance notice): the others bound it
      }
      Instant arrival = Instant.parse(time.asText());
      latest = latest == null || arrival.isAfter(latest) ? arrival : latest;
    }
    if (latest == null) {
      return MAX_TTL;
    }
    Duration left = Duration.between(now, latest.plus(AFTER_ARRIVAL));
    return left.compareTo(MIN_TTL) < 0 ? MIN_TTL : left.compareTo(MAX_TTL) > 0 ? MAX_TTL : left;
  }

  /** The threat's topic: a newer message of it replaces an older one the push service holds. */
  static String topic(String threatId) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(threatId.getBytes(StandardCharsets.UTF_8));
      return Base64Url.encode(digest).substring(0, PushOptions.MAX_TOPIC_CHARS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /**
   * The message in one push record (RFC 8291: 3,993 bytes): a subscriber of many areas gets the
   * earliest ones and the number left out, rather than nothing.
   */
  static byte[] fitted(JsonNode message) {
    byte[] bytes = message.toString().getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= WebPushEncryptor.MAX_PLAINTEXT_BYTES || !message.path("areas").isArray()) {
      return bytes;
    }
    ObjectNode trimmed = message.deepCopy();
    ArrayNode areas = (ArrayNode) trimmed.get("areas");
    int omitted = 0;
    while (bytes.length > WebPushEncryptor.MAX_PLAINTEXT_BYTES && areas.size() > 1) {
      areas.remove(areas.size() - 1);
      omitted++;
      trimmed.put("areasOmitted", omitted);
      bytes = trimmed.toString().getBytes(StandardCharsets.UTF_8);
    }
    return bytes;
  }
}
