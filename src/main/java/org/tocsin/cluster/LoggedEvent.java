package org.tocsin.cluster;

import java.util.Objects;
import java.util.regex.Pattern;
import org.tocsin.node.PublishedEvent;

/**
 * An alert event as the events log holds it: the event as the engine's node published it, and its
 * ordinal, the number of events the engine had decided before it since the shared log began, plus
 * one. Every node's engine decides the same events in the same order, so the ordinal names the same
 * event on every node: a node that takes the engine role over publishes what the events log lacks,
 * from the ordinal after its last record, and nothing twice.
 *
 * @param ordinal 1 for the first event the engine decided
 * @param log the mark of the shared log whose engine decided it (8 hex digits of the reports
 *     topic's id): ordinals count again in a log made anew, and a node counts only its own log's
 * @param event as published by the engine's node (its sequence is not kept: the log's offset
 *     numbers it)
 */
record LoggedEvent(long ordinal, String log, PublishedEvent event) {

  private static final Pattern LOG = Pattern.compile("[0-9a-f]{8}");

  LoggedEvent {
    if (ordinal < 1) {
      throw new IllegalArgumentException("ordinal: must be at least 1, was " + ordinal);
    }
    if (log == null || !LOG.matcher(log).matches()) {
      throw new IllegalArgumentException("log: must be 8 hex digits, was '" + log + "'");
    }
    Objects.requireNonNull(event, "event");
  }
}
