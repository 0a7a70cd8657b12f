package org.tocsin.cluster;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's background work as a loop of turns on a daemon thread of its own, which outlives any
 * failure of a turn: it is logged, the loop pauses (so that one that repeats does not spin), and
 * the next turn tries again. Closing stops the loop and waits for its thread a while.
 */
abstract class Loop implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Loop.class);
  private static final Duration JOIN = Duration.ofSeconds(10);

  private final String name;
  private final Duration pauseAfterFailure;
  private final Thread thread;
  private volatile boolean running = true;

  /**
   * @param name the thread's, and the loop's in logs
   */
  Loop(String name, Duration pauseAfterFailure) {
    this.name = name;
    this.pauseAfterFailure = pauseAfterFailure;
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
  }

  final void start() {
    thread.start();
  }

  /** One turn; returns soon (a bounded poll or wait), so that closing is noticed. */
  abstract void turn() throws InterruptedException;

  /** After the last turn, on the loop's thread: where it closes what it read from. */
  void stopped() {}

  private void run() {
    try {
      while (running) {
        try {
          turn();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } catch (Throwable e) { // NOPMD: a node's loop must outlive a broker's error, loudly
          LOG.error("{}: failed, trying again", name, e);
          pause();
        }
      }
    } finally {
      stopped();
    }
  }

  private void pause() {
    try {
      Thread.sleep(pauseAfterFailure.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(JOIN.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
