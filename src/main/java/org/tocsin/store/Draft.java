package org.tocsin.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.tocsin.alert.AlertStatus;

/**
 * A manual alert as drafted, and what became of it.
 *
 * @param id 1, 2, 3… in the order drafted
 * @param status fixed when drafted
 * @param contentJson what to send (levels, areas, texts), as the web layer wrote it
 * @param state pending, approved or rejected
 * @param createdBy the drafting account
 * @param decidedBy the account that approved or rejected it
 * @param note the reason given for a rejection
 */
public record Draft(
    long id,
    AlertStatus status,
    String contentJson,
    DraftState state,
    String createdBy,
    Instant createdAt,
    Optional<String> decidedBy,
    Optional<Instant> decidedAt,
    Optional<String> note) {

  public Draft {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(contentJson, "contentJson");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(createdBy, "createdBy");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(decidedBy, "decidedBy");
    Objects.requireNonNull(decidedAt, "decidedAt");
    Objects.requireNonNull(note, "note");
  }

  /** The threat id of the alert an approved draft put in force: {@code M<id>}. */
  public String threatId() {
    return threatIdOf(id);
  }

  /** The threat id of draft {@code id}'s alert. */
  public static String threatIdOf(long id) {
    return "M" + id;
  }
}
