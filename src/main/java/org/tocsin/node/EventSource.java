package org.tocsin.node;

import java.util.List;
import java.util.function.Consumer;

/**
 * Where the event stream takes its numbered alert events from: the node's own writer on a single
 * node ({@link LiveWarnings}), the cluster's events log on several, whose offsets number the events
 * alike on every node so that a client resumes on any of them.
 *
 * <p>Events are published under {@link #lock()}: a reader that takes the history and subscribes
 * while holding it misses none and gets none twice.
 */
public interface EventSource {

  /** The events published after {@code sequence}, in order (a bounded history). */
  List<PublishedEvent> eventsAfter(long sequence);

  /**
   * Gives {@code subscriber} the events after {@code afterSequence}, then every later one: none
   * lost, none twice. Subscribers are called on the publishing thread and must not block.
   */
  void subscribe(long afterSequence, Consumer<PublishedEvent> subscriber);

  /** Calls {@code subscriber} with every event published from now on. */
  void subscribe(Consumer<PublishedEvent> subscriber);

  void unsubscribe(Consumer<PublishedEvent> subscriber);

  /** The monitor events are published under. */
  Object lock();
}
