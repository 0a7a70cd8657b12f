package org.tocsin.sensors;

import java.time.Instant;

/**
 * When a replay posts: the replay's clock, which the sender waits on until it reaches a batch's
 * time. On the wall clock for a real replay ({@link WallClockPace}); a test may move a simulated
 * clock instead.
 */
@FunctionalInterface
public interface ReplayPace {

  /** Returns once the replay's clock has reached {@code time} (at once when it has already). */
  void awaitReplayTime(Instant time) throws InterruptedException;
}
