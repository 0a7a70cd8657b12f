package org.tocsin.alert;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An upstream authority's alert, relayed: the areas of the server's set its CAP message mapped to,
 * at one level, with the authority's status, text and expiry.
 *
 * @param threatId the id its events carry, {@code U<number of the first message kept>}; an Update
 *     keeps the id of the alert it replaces
 * @param authority the upstream authority whose key posted it
 * @param signedBy the fingerprint of the trusted key that signed it, if signed
 * @param capSender the upstream message's sender
 * @param capIdentifier the upstream message's identifier: later Updates and Cancels reference it
 * @param status Actual, Exercise or Test, as the authority sent it
 * @param level shelter (responseType Shelter) or prepare
 * @param areaIds the areas, at least one, no repeats
 * @param arrival when the threat may arrive: the message's onset; empty for an advance notice that
 *     gives no time of arrival: no countdown is shown for it
 * @param expires when the authority's message stops being valid: the alert ends then
 * @param text the authority's words
 */
public record UpstreamAlert(
    String threatId,
    String authority,
    Optional<String> signedBy,
    String capSender,
    String capIdentifier,
    AlertStatus status,
    AlertLevel level,
    List<String> areaIds,
    Optional<Instant> arrival,
    Instant expires,
    MessageText text) {

  public UpstreamAlert {
    Objects.requireNonNull(threatId, "threatId");
    Objects.requireNonNull(authority, "authority");
    Objects.requireNonNull(signedBy, "signedBy");
    Objects.requireNonNull(capSender, "capSender");
    Objects.requireNonNull(capIdentifier, "capIdentifier");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(arrival, "arrival");
    Objects.requireNonNull(expires, "expires");
    Objects.requireNonNull(text, "text");
    areaIds = List.copyOf(areaIds);
    if (areaIds.isEmpty()) {
      throw new IllegalArgumentException("areas: must name at least one area");
    }
    if (areaIds.stream().distinct().count() != areaIds.size()) {
      throw new IllegalArgumentException("areas: must not repeat an area");
    }
  }

  /** Whether people see a countdown to an arrival: not for an advance notice. */
  public boolean hasCountdown() {
    return arrival.isPresent();
  }

  /**
   * The warnings it puts in force when relayed at {@code now}: arriving at the onset, or now when
   * that is past. An advance notice's warnings carry its expiry as their arrival, a stand-in that
   * nothing shows (see {@link #hasCountdown()}).
   */
  public List<AreaWarning> warnings(Instant now) {
    Instant arrival = this.arrival.map(a -> a.isBefore(now) ? now : a).orElse(expires);
    return areaIds.stream().sorted().map(id -> new AreaWarning(id, level, 1.0, arrival)).toList();
  }
}
