package org.tocsin.node;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What went wrong in the writer and in the replay, kept so that operators see it: counts for the
 * metrics and the latest few faults for {@code /health}. A fault here never stops the warnings; it
 * says that a command failed and what the writer did about it.
 */
public final class Faults {

  /** The most recent faults kept for {@code /health}; older ones are in the log. */
  static final int RECENT = 20;

  /**
   * One fault.
   *
   * @param at when it happened, on the wall clock
   * @param command what failed: {@code batch}, {@code tick}, {@code issue}, {@code stand-down},
   *     {@code replay}, {@code rebuild}
   * @param detail the exception's class and message
   * @param action what the writer did: the records set aside, the state rebuilt
   */
  public record Fault(Instant at, String command, String detail, String action) {}

  private final Clock wall;
  private final AtomicLong commandsFailed = new AtomicLong();
  private final AtomicLong recordsSetAside = new AtomicLong();
  private final Deque<Fault> recent = new ArrayDeque<>();

  public Faults(Clock wall) {
    this.wall = wall;
  }

  void commandFailed(String command, Throwable cause, String action) {
    commandsFailed.incrementAndGet();
    remember(new Fault(wall.instant(), command, describe(cause), action));
  }

  void setAside(long records, String command, Throwable cause, String action) {
    recordsSetAside.addAndGet(records);
    commandFailed(command, cause, action);
  }

  /** Commands that failed since the start, replay included. */
  public long commandsFailed() {
    return commandsFailed.get();
  }

  /** Journal records set aside since the start: reports or actions the engine could not apply. */
  public long recordsSetAside() {
    return recordsSetAside.get();
  }

  /** The latest faults, oldest first. */
  public synchronized List<Fault> recent() {
    return List.copyOf(recent);
  }

  private synchronized void remember(Fault fault) {
    recent.addLast(fault);
    while (recent.size() > RECENT) {
      recent.removeFirst();
    }
  }

  static String describe(Throwable cause) {
    String message = cause.getMessage();
    String text = cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    return text.length() > 300 ? text.substring(0, 300) + "…" : text;
  }
}
