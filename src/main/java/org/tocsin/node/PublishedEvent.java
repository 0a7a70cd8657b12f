package org.tocsin.node;

import java.util.Objects;
import org.tocsin.alert.AlertEvent;
import org.tocsin.alert.AlertStatus;

/**
 * An alert event as published to subscribers, numbered so that a client that lost its connection
 * resumes after the last number it saw ({@code Last-Event-ID}).
 *
 * @param sequence the event's id: increasing in publication order and never reused, across restarts
 *     too (see {@link LiveWarnings})
 * @param event the alert event
 * @param status the status of its threat: the server's for automatic warnings, the draft's for a
 *     manual alert and everything that follows it
 * @param origin whether the engine decided it, people did, or an upstream authority
 * @param authority the upstream authority whose alert it relays, for origin upstream
 */
public record PublishedEvent(
    long sequence,
    AlertEvent event,
    AlertStatus status,
    Origin origin,
    java.util.Optional<String> authority) {

  /** An event that relays no upstream authority's alert. */
  public PublishedEvent(long sequence, AlertEvent event, AlertStatus status, Origin origin) {
    this(sequence, event, status, origin, java.util.Optional.empty());
  }

  /** Who decided a threat's first warning. */
  public enum Origin {
    /** The warning engine, from sensor reports. */
    ENGINE,
    /** People: a draft approved by a second person. */
    MANUAL,
    /** An upstream authority: its CAP message relayed. */
    UPSTREAM;

    /** The name served: {@code engine}, {@code manual}, {@code upstream}. */
    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public PublishedEvent {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(authority, "authority");
  }
}
