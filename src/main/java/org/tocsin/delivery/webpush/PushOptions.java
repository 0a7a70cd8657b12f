package org.tocsin.delivery.webpush;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a push service should treat one message (RFC 8030 §5).
 *
 * @param ttl how long the push service keeps the message for a device that is offline ({@code TTL},
 *     whole seconds): no longer than the message stays true; zero to deliver now or never
 * @param urgency the {@code Urgency} header: {@link Urgency#HIGH} wakes a phone that saves power
 * @param topic the {@code Topic} header, if any: a newer message with the same topic replaces one
 *     still queued; at most 32 characters of the base64url alphabet
 */
public record PushOptions(Duration ttl, Urgency urgency, Optional<String> topic) {

  /** Four weeks: the longest TTL push services keep (FCM's limit). */
  public static final Duration MAX_TTL = Duration.ofDays(28);

  public static final int MAX_TOPIC_CHARS = 32;

  private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9_-]{1,32}");

  public PushOptions {
    Objects.requireNonNull(ttl, "ttl");
    Objects.requireNonNull(urgency, "urgency");
    Objects.requireNonNull(topic, "topic");
    if (ttl.isNegative() || ttl.compareTo(MAX_TTL) > 0) {
      throw new IllegalArgumentException(
          "ttl must be within [0 s, " + MAX_TTL.toSeconds() + " s], was " + ttl.toSeconds() + " s");
    }
    topic.ifPresent(
        t -> {
          if (!TOPIC.matcher(t).matches()) {
            throw new IllegalArgumentException(
                "topic must be 1 to "
                    + MAX_TOPIC_CHARS
                    + " characters of A-Z a-z 0-9 - _, was '"
                    + Base64Url.shorten(t)
                    + "'");
          }
        });
  }

  /** A message kept for {@code ttl}, of high urgency, without a topic. */
  public static PushOptions of(Duration ttl) {
    return new PushOptions(ttl, Urgency.HIGH, Optional.empty());
  }

  public PushOptions withUrgency(Urgency newUrgency) {
    return new PushOptions(ttl, newUrgency, topic);
  }

  public PushOptions withTopic(String newTopic) {
    return new PushOptions(ttl, urgency, Optional.of(newTopic));
  }

  /** The {@code Urgency} header's values (RFC 8030 §5.3). */
  public enum Urgency {
    VERY_LOW("very-low"),
    LOW("low"),
    NORMAL("normal"),
    HIGH("high");

    private final String header;

    Urgency(String header) {
      this.header = header;
    }

    /** The value as the header writes it. */
    public String header() {
      return header;
    }
  }
}
