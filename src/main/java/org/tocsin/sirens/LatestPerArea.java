package org.tocsin.sirens;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The states waiting to be published, at most one per area: a newer state of an area replaces the
 * one waiting, since a siren needs only the latest. So the queue between the engine and a broker
 * that is slow or gone never holds more than one entry per area of the set, and offering never
 * blocks.
 */
final class LatestPerArea {

  private final int capacity;
  private final LinkedHashMap<String, SirenState> waiting = new LinkedHashMap<>();

  /**
   * @param capacity the number of areas in the set: more distinct areas than that is a bug
   */
  LatestPerArea(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    this.capacity = capacity;
  }

  /** Queues {@code state} for {@code area}, replacing what was waiting for it. */
  synchronized void offer(String area, SirenState state) {
    if (!waiting.containsKey(area) && waiting.size() >= capacity) {
      throw new IllegalStateException(
          "more areas waiting than the set holds (" + capacity + "): area '" + area + "'");
    }
    waiting.put(area, state);
    notifyAll();
  }

  /**
   * Queues {@code state} again after it failed to publish, unless a newer one is waiting already.
   */
  synchronized void offerAgain(String area, SirenState state) {
    if (!waiting.containsKey(area)) {
      offer(area, state);
    }
  }

  /**
   * Takes everything waiting, waiting up to {@code patience} for something to come.
   *
   * @return the states by area, in the order their areas were first queued; empty if none came
   */
  synchronized Map<String, SirenState> takeAll(Duration patience) throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    while (waiting.isEmpty()) {
      long leftNanos = deadline - System.nanoTime();
      if (leftNanos <= 0) {
        return Map.of();
      }
      wait(Math.max(1, leftNanos / 1_000_000));
    }
    Map<String, SirenState> taken = new LinkedHashMap<>(waiting);
    waiting.clear();
    return taken;
  }

  /** Wakes a taker that waits: the connection was lost, or the publisher stops. */
  synchronized void wake() {
    notifyAll();
  }

  synchronized int size() {
    return waiting.size();
  }
}
