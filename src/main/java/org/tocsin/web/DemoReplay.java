package org.tocsin.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tocsin.sim.Scenario;
import org.tocsin.sim.ScenarioTruth;
import org.tocsin.sim.SyntheticSensors;
import org.tocsin.track.Observation;

/**
 * Feeds a scenario's synthetic reports to the live warnings as the replay clock reaches them, and
 * starts over when the scenario has ended, for ever: the demo a newcomer watches in a browser.
 *
 * <p>The replay runs at the present time: the first round's reports are shifted from the scenario's
 * dates to the clock's origin (a consumer would take a message dated 2024 as long expired), and
 * each later round's by the round's length more, so the replay clock, and every time the page
 * shows, runs forward without a jump.
 */
public final class DemoReplay implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DemoReplay.class);

  private static final Duration AFTER_LAST_REPORT = Duration.ofMinutes(3);
  private static final Duration TICK = Duration.ofSeconds(1);

  private final LiveWarnings live;
  private final ReplayClock clock;
  private final TreeMap<Instant, List<Observation>> batches = new TreeMap<>();
  private final Duration round;
  private final Instant start;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "demo-replay");
            thread.setDaemon(true);
            return thread;
          });

  DemoReplay(LiveWarnings live, ReplayClock clock, Scenario scenario) {
    this.live = live;
    this.clock = clock;
    this.start = clock.origin();
    Duration toPresent = Duration.between(scenario.start(), start);
    ScenarioTruth truth = ScenarioTruth.of(scenario);
    batches.putAll(
        Observation.byArrival(
            SyntheticSensors.observe(scenario, truth).stream()
                .map(observation -> observation.shiftedBy(toPresent))
                .toList()));
    Instant last = batches.isEmpty() ? start : batches.lastKey();
    Instant lastImpact =
        truth.vehicles().stream()
            .map(v -> v.impactTime().plus(toPresent))
            .max(Instant::compareTo)
            .orElse(last);
    Instant end = (lastImpact.isAfter(last) ? lastImpact : last).plus(AFTER_LAST_REPORT);
    this.round = Duration.between(start, end);
  }

  /** Starts the replay: the clock, the first round now, ticks every simulated second. */
  void start() {
    clock.start();
    scheduleRound(0);
    scheduleTick(start.plus(TICK));
  }

  /**
   * Every batch and every tick is decided at its own replay time, not at the clock's reading when
   * the scheduler gets to it: on a loaded machine the replay then falls behind the clock, but
   * decides exactly as the simulator would, instead of deciding minutes late.
   */
  private void scheduleRound(int number) {
    Duration offset = round.multipliedBy(number);
    for (Map.Entry<Instant, List<Observation>> batch : batches.entrySet()) {
      Instant at = batch.getKey().plus(offset);
      List<Observation> shifted = batch.getValue().stream().map(o -> o.shiftedBy(offset)).toList();
      scheduler.schedule(
          () -> {
            try {
              live.ingestAt(shifted, at);
            } catch (RuntimeException e) {
              LOG.error("command=batch at={} outcome=failed", at, e);
            }
          },
          clock.wallDelayUntil(at).toMillis(),
          TimeUnit.MILLISECONDS);
    }
    Instant next = start.plus(round.multipliedBy(number + 1L));
    scheduler.schedule(
        () -> scheduleRound(number + 1),
        clock.wallDelayUntil(next).toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private void scheduleTick(Instant at) {
    scheduler.schedule(
        () -> {
          try {
            live.tickAt(at);
          } catch (RuntimeException e) {
            // Counted and logged by the writer; the next tick must come all the same.
            LOG.error("command=tick at={} outcome=failed", at, e);
          }
          scheduleTick(at.plus(TICK));
        },
        clock.wallDelayUntil(at).toMillis(),
        TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
