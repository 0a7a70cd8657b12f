package org.tocsin.store;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.tocsin.cap.CapAlert;

/**
 * A CAP message an upstream authority posted, as kept.
 *
 * @param id the store's number for it, rising with each message
 * @param receivedAt when this server took it
 * @param authority the upstream authority whose key posted it
 * @param signedBy the fingerprint of the trusted key whose signature verified, if it was signed
 * @param alert the message read
 * @param relayJson what the relay made of it (relayed, drafted or not, and the areas that could not
 *     be mapped), a JSON object the web layer wrote; empty until then
 */
public record UpstreamMessage(
    long id,
    Instant receivedAt,
    String authority,
    Optional<String> signedBy,
    Summary alert,
    Optional<String> relayJson) {

  public UpstreamMessage {
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(authority, "authority");
    Objects.requireNonNull(signedBy, "signedBy");
    Objects.requireNonNull(alert, "alert");
    Objects.requireNonNull(relayJson, "relayJson");
  }

  /** A message the relay has not seen yet. */
  public UpstreamMessage(
      long id, Instant receivedAt, String authority, Optional<String> signedBy, Summary alert) {
    this(id, receivedAt, authority, signedBy, alert, Optional.empty());
  }

  /**
   * What the list shows of a message: the whole document is kept too, but read by nothing here.
   *
   * @param sent as the message wrote it, with its offset (ISO 8601)
   * @param status and {@code msgType} as CAP names them
   * @param headlines the headline of each info block that has one
   */
  public record Summary(
      String identifier,
      String sender,
      String sent,
      String status,
      String msgType,
      List<String> headlines) {

    public Summary {
      Objects.requireNonNull(identifier, "identifier");
      Objects.requireNonNull(sender, "sender");
      Objects.requireNonNull(sent, "sent");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(msgType, "msgType");
      headlines = List.copyOf(headlines);
    }

    public static Summary of(CapAlert alert) {
      return new Summary(
          alert.identifier(),
          alert.sender(),
          // RFC 3339, seconds always: OffsetDateTime.toString() leaves out zero seconds.
          DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(alert.sent()),
          alert.status().capName(),
          alert.msgType().capName(),
          alert.infos().stream().flatMap(info -> info.headline().stream()).toList());
    }
  }
}
