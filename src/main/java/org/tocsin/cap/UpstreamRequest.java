package org.tocsin.cap;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.tocsin.alert.AlertLevel;
import org.tocsin.alert.AlertStatus;
import org.tocsin.alert.MessageText;
import org.tocsin.alert.XmlText;

/**
 * What an upstream authority's CAP message asks of the relay: a new alert, the replacement of one
 * relayed before, or its end; or nothing, with the reason.
 *
 * <p>The rules: status Actual, Exercise and Test are relayed as they are, System and Draft never
 * (they are not for the public). Any info block with responseType Shelter makes the level shelter;
 * otherwise it is prepare (Prepare and Monitor, and any other response, which asks people at least
 * to be ready and read the authority's words). The earliest onset is the time of arrival, counted
 * down; a message without one (an advance notice, say thirty minutes ahead) shows no countdown. The
 * earliest expiry ends the alert; without one it ends {@link #DEFAULT_VALIDITY} after receipt. The
 * text is the authority's, Ukrainian and English each taken from the info block in that language,
 * else from the other.
 *
 * @param kind alert, update or cancel; {@link Kind#NONE} when nothing is relayed
 * @param references the earlier upstream messages an update or cancel names
 * @param mapping the server's areas the message maps to, and the CAP areas that map to none
 * @param notRelayed why nothing is relayed, when {@code kind} is {@link Kind#NONE}
 */
public record UpstreamRequest(
    Kind kind,
    List<CapAlert.Reference> references,
    AlertStatus status,
    AlertLevel level,
    Optional<Instant> arrival,
    Instant expires,
    Optional<MessageText> text,
    UpstreamAreas.Mapping mapping,
    Optional<String> notRelayed) {

  /** How long an upstream alert that states no expiry stays in force. */
  public static final Duration DEFAULT_VALIDITY = Duration.ofHours(1);

  /** What the message asks. */
  public enum Kind {
    ALERT,
    UPDATE,
    CANCEL,
    NONE
  }

  public UpstreamRequest {
    Objects.requireNonNull(kind, "kind");
    references = List.copyOf(references);
    Objects.requireNonNull(arrival, "arrival");
    Objects.requireNonNull(expires, "expires");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(mapping, "mapping");
    Objects.requireNonNull(notRelayed, "notRelayed");
  }

  /** Reads what {@code alert}, received at {@code now}, asks; its areas mapped by {@code areas}. */
  public static UpstreamRequest of(CapAlert alert, UpstreamAreas areas, Instant now) {
    UpstreamAreas.Mapping mapping = areas.map(alert);
    Optional<AlertStatus> status = status(alert.status());
    Instant expires = earliest(alert, info -> info.expires()).orElse(now.plus(DEFAULT_VALIDITY));
    Kind kind = kind(alert.msgType());
    List<String> why = new ArrayList<>();
    if (status.isEmpty()) {
      why.add("status " + alert.status().capName() + " is not for the public");
    }
    if (kind == Kind.NONE) {
      why.add("msgType " + alert.msgType().capName() + " asks nothing of the public");
    }
    if (kind == Kind.CANCEL && alert.references().isEmpty()) {
      why.add("a Cancel must reference the message it cancels");
    }
    Optional<MessageText> text = Optional.empty();
    if (kind == Kind.ALERT || kind == Kind.UPDATE) {
      if (!expires.isAfter(now)) {
        why.add("it expired at " + expires);
      }
      if (mapping.areaIds().isEmpty()) {
        why.add("none of its areas maps to the area set");
      }
      try {
        text = Optional.of(text(alert));
      } catch (IllegalArgumentException e) {
        why.add("its text cannot be relayed: " + e.getMessage());
      }
    }
    return new UpstreamRequest(
        why.isEmpty() ? kind : Kind.NONE,
        alert.references(),
        status.orElse(AlertStatus.TEST),
        level(alert),
        earliest(alert, info -> info.onset()),
        expires,
        text,
        mapping,
        why.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", why)));
  }

  /** Shelter when any info block says responseType Shelter; prepare otherwise. */
  private static AlertLevel level(CapAlert alert) {
    return alert.infos().stream()
            .anyMatch(info -> info.responseTypes().contains(CapInfo.ResponseType.SHELTER))
        ? AlertLevel.SHELTER
        : AlertLevel.PREPARE;
  }

  /** The earliest of a time that info blocks may give (onset, expires). */
  private static Optional<Instant> earliest(
      CapAlert alert, java.util.function.Function<CapInfo, Optional<OffsetDateTime>> time) {
    return alert.infos().stream()
        .flatMap(info -> time.apply(info).stream())
        .map(OffsetDateTime::toInstant)
        .min(Comparator.naturalOrder());
  }

  private static Kind kind(CapAlert.MsgType msgType) {
    return switch (msgType) {
      case ALERT -> Kind.ALERT;
      case UPDATE -> Kind.UPDATE;
      case CANCEL -> Kind.CANCEL;
      default -> Kind.NONE;
    };
  }

  private static Optional<AlertStatus> status(CapAlert.Status status) {
    return switch (status) {
      case ACTUAL -> Optional.of(AlertStatus.ACTUAL);
      case EXERCISE -> Optional.of(AlertStatus.EXERCISE);
      case TEST -> Optional.of(AlertStatus.TEST);
      default -> Optional.empty();
    };
  }

  /** The authority's words in Ukrainian and English, each falling back on the other language. */
  static MessageText text(CapAlert alert) {
    Optional<CapInfo> uk = inLanguage(alert, "uk");
    Optional<CapInfo> en = inLanguage(alert, "en");
    CapInfo first =
        alert.infos().stream()
            .findFirst()
            .orElseThrow(
                () -> new IllegalArgumentException("element 'info': an alert needs at least one"));
    CapInfo ukInfo = uk.or(() -> en).orElse(first);
    CapInfo enInfo = en.or(() -> uk).orElse(first);
    return new MessageText(
        headline(ukInfo),
        headline(enInfo),
        description(ukInfo),
        description(enInfo),
        instruction(ukInfo, "Виконуйте вказівки органів влади."),
        instruction(enInfo, "Follow the authorities' instructions."));
  }

  private static Optional<CapInfo> inLanguage(CapAlert alert, String language) {
    return alert.infos().stream()
        .filter(info -> info.language().toLowerCase(Locale.ROOT).startsWith(language))
        .findFirst();
  }

  private static String headline(CapInfo info) {
    return field("headline", info.headline().filter(h -> !h.isBlank()).orElse(info.event()));
  }

  private static String description(CapInfo info) {
    return field(
        "description", info.description().filter(d -> !d.isBlank()).orElse(headline(info)));
  }

  private static String instruction(CapInfo info, String standard) {
    return field("instruction", info.instruction().filter(i -> !i.isBlank()).orElse(standard));
  }

  /** Blank-stripped and cut to what a message text holds; refused if XML cannot carry it. */
  private static String field(String name, String value) {
    String text = value.strip();
    if (text.length() > MessageText.MAX_LENGTH) {
      int end = MessageText.MAX_LENGTH - 1;
      if (Character.isHighSurrogate(text.charAt(end - 1))) {
        end--; // never cut a character in two
      }
      text = text.substring(0, end) + "…";
    }
    XmlText.require(name, text);
    return text.isEmpty() ? name : text;
  }
}
