package org.tocsin.cluster;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tocsin.bus.FencedWriter;
import org.tocsin.bus.LogUnavailableException;
import org.tocsin.node.PublishedEvent;

/**
 * Publishes the engine's events to the events log, on the node that holds the engine role.
 *
 * <p>Every node's engine decides the same events in the same order, and this numbers them as they
 * come ({@link LoggedEvent#ordinal()}); an event whose ordinal the events log does not yet hold is
 * kept, on every node, until the log holds it. The engine's node appends what it keeps, in order,
 * in transactions of a writer that fences any earlier one ({@link FencedWriter}). When a node takes
 * the role over, it opens its writer (fencing the last holder, whose open transaction is aborted),
 * reads the events log to its end, and appends what the log lacks: every event once, in order,
 * whichever node decided it first.
 *
 * <p>What it keeps is bounded ({@value #MAX_KEPT} events): a cluster without an engine's node for
 * that long loses the oldest from the stream (logged), never the node's memory.
 */
final class EventPublisher implements AutoCloseable {

  static final int MAX_KEPT = 100_000;
  private static final int MAX_PER_TRANSACTION = 500;
  private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(30);
  private static final Logger LOG = LoggerFactory.getLogger(EventPublisher.class);

  private final ClusterEvents events;
  private final String log;
  private final Supplier<FencedWriter<LoggedEvent>> writers;
  private final ArrayDeque<LoggedEvent> kept = new ArrayDeque<>();
  private final Thread thread;
  private long decided;
  private volatile boolean running = true;

  /** Set while this node holds the engine role; the publishing thread acts on it. */
  private boolean engine;

  /** The ordinal of the last event this node appended, or the log held when it took over. */
  private long published;

  /**
   * @param log the shared log's mark, on every event published (see {@link LoggedEvent#log()})
   */
  EventPublisher(ClusterEvents events, Supplier<FencedWriter<LoggedEvent>> writers, String log) {
    this.log = Objects.requireNonNull(log, "log");
    this.events = Objects.requireNonNull(events, "events");
    this.writers = Objects.requireNonNull(writers, "writers");
    this.thread = new Thread(this::run, "event-publisher");
    thread.setDaemon(true);
    events.watch(this::confirmed);
  }

  void start() {
    thread.start();
  }

  /** Takes an event the node's engine decided: its writer's thread, in the engine's order. */
  synchronized void decided(PublishedEvent event) {
    long ordinal = ++decided;
    if (ordinal <= events.lastOrdinal()) {
      return; // the events log has it already
    }
    kept.addLast(new LoggedEvent(ordinal, log, event));
    if (kept.size() > MAX_KEPT) {
      LoggedEvent dropped = kept.removeFirst();
      LOG.error(
          "event={} ordinal={} outcome=dropped: more than {} events wait for an engine's node",
          dropped.event().event().id(),
          dropped.ordinal(),
          MAX_KEPT);
    }
    notifyAll();
  }

  /** How many events the engine has decided since the shared log began. */
  synchronized long decidedCount() {
    return decided;
  }

  /**
   * The engine took a checkpoint: it had decided {@code ordinal} events since the log began. A node
   * that started at the checkpoint counts on from there; one that read the log from its start has
   * counted as many.
   */
  synchronized void checkpoint(long ordinal) {
    if (decided != 0 && decided != ordinal) {
      LOG.error(
          "checkpoint ordinal={} but this node counted {}: counting on from the checkpoint's",
          ordinal,
          decided);
    }
    decided = ordinal;
  }

  /** The events log holds an event: it is no longer kept. */
  private synchronized void confirmed(LoggedEvent logged) {
    while (!kept.isEmpty() && kept.peekFirst().ordinal() <= logged.ordinal()) {
      kept.removeFirst();
    }
  }

  /** This node now holds the engine role. */
  synchronized void acquired() {
    engine = true;
    notifyAll();
  }

  /** This node no longer holds it. */
  synchronized void lost() {
    engine = false;
    notifyAll();
  }

  synchronized boolean publishing() {
    return engine;
  }

  private void run() {
    while (running) {
      try {
        if (!awaitEngine()) {
          return;
        }
        publishWhileEngine();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Throwable e) { // NOPMD: the publisher must outlive a broker's error, and say so
        LOG.error("event publisher: failed, opening the writer again", e);
        sleep(Duration.ofSeconds(1));
      }
    }
  }

  private synchronized boolean awaitEngine() throws InterruptedException {
    while (running && !engine) {
      wait(1_000);
    }
    return running;
  }

  /** Opens the writer (fencing the last one), catches up with the log, then appends as it comes. */
  private void publishWhileEngine() throws InterruptedException {
    try (FencedWriter<LoggedEvent> writer = writers.get()) {
      if (!publishing()) {
        return; // the role was lost while the writer opened
      }
      if (!events.awaitCaughtUp(CATCH_UP_TIMEOUT)) {
        throw new NotCaughtUpException("the events log could not be read to its end");
      }
      synchronized (this) {
        published = events.lastOrdinal();
        LOG.info("event publisher: the engine's node; the events log holds up to {}", published);
      }
      while (running) {
        List<LoggedEvent> batch = next();
        if (batch == null) {
          return; // the role was lost
        }
        try {
          writer.appendAll(batch);
        } catch (FencedWriter.FencedException e) {
          // Another node opened a writer since: it believed it held the role. While the lease says
          // this node holds it, the writer is opened again (fencing that one); once the lease is
          // lost, lost() ends the loop.
          LOG.warn("event publisher: fenced by another node's writer; opening again", e);
          return;
        } catch (LogUnavailableException e) {
          LOG.warn("event publisher: the events log did not take {} events", batch.size(), e);
          return; // reopen: a producer whose transaction failed may be unusable
        }
        synchronized (this) {
          published = batch.get(batch.size() - 1).ordinal();
        }
      }
    }
  }

  /** The next events to append, in order; null once the role is lost. */
  private synchronized List<LoggedEvent> next() throws InterruptedException {
    while (running && engine) {
      List<LoggedEvent> batch = new ArrayList<>();
      for (LoggedEvent event : kept) {
        if (event.ordinal() > published) {
          batch.add(event);
          if (batch.size() == MAX_PER_TRANSACTION) {
            break;
          }
        }
      }
      if (!batch.isEmpty()) {
        return batch;
      }
      wait(1_000);
    }
    return null;
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The events log could not be read: the writer is opened again. */
  private static final class NotCaughtUpException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotCaughtUpException(String message) {
      super(message);
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      running = false;
      notifyAll();
    }
    try {
      thread.join(Duration.ofSeconds(10).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
