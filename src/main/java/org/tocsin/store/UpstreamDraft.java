package org.tocsin.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.tocsin.alert.AlertStatus;

/**
 * An upstream authority's message waiting for, or decided by, a person's approval before it is
 * relayed.
 *
 * @param id 1, 2, 3… in the order received
 * @param upstreamMessage the store's number of the CAP message it came from
 * @param authority the authority whose key posted it: the first party of the two
 * @param signedBy the fingerprint of the trusted key that signed it, if signed
 * @param status the message's status, written once
 * @param kind {@code Alert}, {@code Update} or {@code Cancel}
 * @param threat the threat it puts in force, replaces or ends
 * @param contentJson what will be relayed (areas, level, text, expiry), as the web layer wrote it
 * @param unmapped the message's areas that mapped to no area of the set, for the approver to see
 * @param state pending, approved or rejected
 * @param decidedBy the account that approved or rejected it
 * @param note the reason given for a rejection
 */
public record UpstreamDraft(
    long id,
    long upstreamMessage,
    String authority,
    Optional<String> signedBy,
    AlertStatus status,
    String kind,
    String threat,
    String contentJson,
    List<String> unmapped,
    DraftState state,
    Instant createdAt,
    Optional<String> decidedBy,
    Optional<Instant> decidedAt,
    Optional<String> note) {

  public UpstreamDraft {
    Objects.requireNonNull(authority, "authority");
    Objects.requireNonNull(signedBy, "signedBy");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(threat, "threat");
    Objects.requireNonNull(contentJson, "contentJson");
    unmapped = List.copyOf(unmapped);
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(decidedBy, "decidedBy");
    Objects.requireNonNull(decidedAt, "decidedAt");
    Objects.requireNonNull(note, "note");
  }
}
