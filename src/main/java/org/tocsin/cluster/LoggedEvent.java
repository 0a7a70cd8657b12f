package org.tocsin.cluster;

import java.util.Objects;
import org.tocsin.node.PublishedEvent;

/**
 * An alert event as the events log holds it: the event as the engine's node published it, and its
 * ordinal, the number of events the engine had decided before it since the shared log began, plus
 * one. Every node's engine decides the same events in the same order, so the ordinal names the same
 * event on every node: a node that takes the engine role over publishes what the events log lacks,
 * from the ordinal after its last record, and nothing twice.
 *
 * @param ordinal 1 for the first event the engine decided
 * @param event as published by the engine's node (its sequence is not kept: the log's offset
 *     numbers it)
 */
record LoggedEvent(long ordinal, PublishedEvent event) {

  LoggedEvent {
    if (ordinal < 1) {
      throw new IllegalArgumentException("ordinal: must be at least 1, was " + ordinal);
    }
    Objects.requireNonNull(event, "event");
  }
}
