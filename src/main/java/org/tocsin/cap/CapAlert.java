package org.tocsin.cap;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A CAP 1.2 {@code alert}: the message envelope and its {@code info} blocks.
 *
 * <p>Times are kept to whole seconds, as the CAP 1.2 schema writes them; a time with a fraction of
 * a second is truncated. The fields that Tocsin neither writes nor needs (source, restriction,
 * addresses, code, note, incidents) are not kept when a message is read.
 *
 * @param identifier unique for the sender; no spaces, commas or the characters {@code <} and {@code
 *     &}
 * @param sender the originator, same rules as the identifier
 * @param sent when the message was issued
 * @param status Actual, Exercise, System, Test or Draft
 * @param msgType Alert, Update, Cancel, Ack or Error
 * @param scope Public, Restricted or Private
 * @param references the earlier messages this one updates or cancels, oldest first
 * @param infos the information blocks, one per language (and, in Tocsin's messages, per level)
 */
public record CapAlert(
    String identifier,
    String sender,
    OffsetDateTime sent,
    Status status,
    MsgType msgType,
    Scope scope,
    List<Reference> references,
    List<CapInfo> infos) {

  private static final Pattern TOKEN = Pattern.compile("[^\\s,<&]+");

  public CapAlert {
    requireToken("identifier", identifier);
    requireToken("sender", sender);
    sent = wholeSeconds(Objects.requireNonNull(sent, "sent"));
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(msgType, "msgType");
    Objects.requireNonNull(scope, "scope");
    references = List.copyOf(references);
    infos = List.copyOf(infos);
  }

  /** The info block in a language ({@code en-US}, {@code uk-UA}), the first one if several. */
  public Optional<CapInfo> info(String language) {
    return infos.stream().filter(info -> info.language().equals(language)).findFirst();
  }

  /** This message as a reference from a later one. */
  public Reference reference() {
    return new Reference(sender, identifier, sent);
  }

  static void requireToken(String element, String value) {
    Objects.requireNonNull(value, element);
    if (!TOKEN.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "element '"
              + element
              + "': must be non-empty without spaces, commas, '<' or '&', was '"
              + value
              + "'");
    }
  }

  static OffsetDateTime wholeSeconds(OffsetDateTime time) {
    return time.truncatedTo(ChronoUnit.SECONDS);
  }

  /**
   * An earlier message: CAP writes it {@code sender,identifier,sent}.
   *
   * @param sender the earlier message's sender
   * @param identifier its identifier
   * @param sent when it was sent
   */
  public record Reference(String sender, String identifier, OffsetDateTime sent) {

    public Reference {
      requireToken("references", sender);
      requireToken("references", identifier);
      sent = wholeSeconds(Objects.requireNonNull(sent, "sent"));
    }
  }

  /** The code denoting the appropriate handling of the message. */
  public enum Status implements CapCode {
    /** Actionable by all targeted recipients. */
    ACTUAL("Actual"),
    /** Actionable only by designated exercise participants. */
    EXERCISE("Exercise"),
    /** For messages that support alert network internal functions. */
    SYSTEM("System"),
    /** Technical testing only; all recipients disregard. */
    TEST("Test"),
    /** A preliminary template or draft, not actionable in its current form. */
    DRAFT("Draft");

    private final String capName;

    Status(String capName) {
      this.capName = capName;
    }

    /** The CAP status of an alert's status. */
    public static Status of(org.tocsin.alert.AlertStatus status) {
      return switch (status) {
        case ACTUAL -> ACTUAL;
        case EXERCISE -> EXERCISE;
        case TEST -> TEST;
      };
    }

    @Override
    public String capName() {
      return capName;
    }
  }

  /** The nature of the message. */
  public enum MsgType implements CapCode {
    ALERT("Alert"),
    UPDATE("Update"),
    CANCEL("Cancel"),
    ACK("Ack"),
    ERROR("Error");

    private final String capName;

    MsgType(String capName) {
      this.capName = capName;
    }

    @Override
    public String capName() {
      return capName;
    }
  }

  /** Who the message is for. */
  public enum Scope implements CapCode {
    PUBLIC("Public"),
    RESTRICTED("Restricted"),
    PRIVATE("Private");

    private final String capName;

    Scope(String capName) {
      this.capName = capName;
    }

    @Override
    public String capName() {
      return capName;
    }
  }
}
