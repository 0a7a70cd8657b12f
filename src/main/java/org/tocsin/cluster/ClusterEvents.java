package org.tocsin.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tocsin.bus.LogReader;
import org.tocsin.bus.LogRecord;
import org.tocsin.node.EventSource;
import org.tocsin.node.LiveWarnings;
import org.tocsin.node.PublishedEvent;

/**
 * The alert events as the events log holds them, read by every node from the start: what the node's
 * event stream sends. An event's id is its offset in the log plus one (0 stays "before every
 * event"), the same on every node, so that a client resumes on any node with {@code Last-Event-ID}.
 *
 * <p>The latest {@link LiveWarnings#MAX_EVENTS} events are kept for clients that resume. Events are
 * published to subscribers on the reading thread, under this object's lock ({@link #lock()}).
 */
final class ClusterEvents extends Loop implements EventSource {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterEvents.class);
  private static final Duration POLL = Duration.ofMillis(100);

  private final LogReader<LoggedEvent> reader;
  private final String log;
  private final ConcurrentSkipListMap<Long, PublishedEvent> kept = new ConcurrentSkipListMap<>();
  private final List<Consumer<PublishedEvent>> subscribers = new CopyOnWriteArrayList<>();
  private final List<Consumer<LoggedEvent>> ordinalWatchers = new CopyOnWriteArrayList<>();

  /** The highest ordinal read from the log: the engine's events up to it are published. */
  private volatile long lastOrdinal;

  /** The reading thread's last check: has it read everything the log held then? */
  private volatile long checkedAtNanos;

  private volatile boolean caughtUp;

  /**
   * @param log this cluster's shared log's mark: only its events' ordinals are counted (a log made
   *     anew counts from 1 again, beside the old log's events)
   */
  ClusterEvents(LogReader<LoggedEvent> reader, String log) {
    super("cluster-events", POLL);
    this.reader = Objects.requireNonNull(reader, "reader");
    this.log = Objects.requireNonNull(log, "log");
  }

  /** The highest ordinal the events log holds, as far as this node has read it. */
  long lastOrdinal() {
    return lastOrdinal;
  }

  /** Calls {@code watcher} with every record read from now on (the reading thread; never block). */
  void watch(Consumer<LoggedEvent> watcher) {
    ordinalWatchers.add(watcher);
  }

  /**
   * Waits until this node has read every event the log held when it was asked (committed ones: an
   * engine that lost its role and left a transaction open is aborted by the fencing first).
   *
   * @return false when that did not happen within {@code timeout}
   */
  boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    long askedAt = System.nanoTime();
    long deadline = askedAt + timeout.toNanos();
    synchronized (this) {
      while (!(caughtUp && checkedAtNanos > askedAt)) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, POLL.toNanos()));
      }
    }
    return true;
  }

  @Override
  void turn() {
    List<LogRecord<LoggedEvent>> records = reader.poll(POLL);
    for (LogRecord<LoggedEvent> record : records) {
      publish(record);
    }
    if (records.isEmpty()) {
      long now = System.nanoTime();
      boolean atEnd = reader.position() >= reader.end();
      synchronized (this) {
        caughtUp = atEnd;
        checkedAtNanos = now;
        notifyAll();
      }
    }
  }

  @Override
  void stopped() {
    reader.close();
  }

  private void publish(LogRecord<LoggedEvent> record) {
    LoggedEvent logged = record.value();
    PublishedEvent read = logged.event();
    PublishedEvent event =
        new PublishedEvent(
            record.offset() + 1, read.event(), read.status(), read.origin(), read.authority());
    synchronized (this) {
      if (counts(logged)) {
        lastOrdinal = Math.max(lastOrdinal, logged.ordinal());
      }
      kept.put(event.sequence(), event);
      while (kept.size() > LiveWarnings.MAX_EVENTS) {
        kept.pollFirstEntry();
      }
      for (Consumer<PublishedEvent> subscriber : subscribers) {
        try {
          subscriber.accept(event);
        } catch (RuntimeException e) {
          LOG.warn("event={} outcome=subscriber-failed", event.event().id(), e);
        }
      }
    }
    for (Consumer<LoggedEvent> watcher : ordinalWatchers) {
      try {
        watcher.accept(logged);
      } catch (RuntimeException e) {
        LOG.warn("event={} outcome=watcher-failed", event.event().id(), e);
      }
    }
  }

  /**
   * Whether a record's ordinal counts: its log is this cluster's, and it is no further ahead than
   * an engine's node could have got (a hostile record's ordinal of 2^62 would otherwise make every
   * later event look published already).
   */
  private boolean counts(LoggedEvent logged) {
    if (!logged.log().equals(log)) {
      return false;
    }
    if (lastOrdinal > 0 && logged.ordinal() > lastOrdinal + EventPublisher.MAX_KEPT + 1) {
      LOG.warn(
          "event={} ordinal={} outcome=not-counted: beyond what an engine could have decided",
          logged.event().event().id(),
          logged.ordinal());
      return false;
    }
    return true;
  }

  @Override
  public List<PublishedEvent> eventsAfter(long sequence) {
    return new ArrayList<>(kept.tailMap(sequence, false).values());
  }

  @Override
  public synchronized void subscribe(long afterSequence, Consumer<PublishedEvent> subscriber) {
    eventsAfter(afterSequence).forEach(subscriber);
    subscribers.add(subscriber);
  }

  @Override
  public void subscribe(Consumer<PublishedEvent> subscriber) {
    subscribers.add(subscriber);
  }

  @Override
  public void unsubscribe(Consumer<PublishedEvent> subscriber) {
    subscribers.remove(subscriber);
  }

  @Override
  public Object lock() {
    return this;
  }
}
