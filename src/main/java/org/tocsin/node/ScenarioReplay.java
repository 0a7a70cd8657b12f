package org.tocsin.node;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tocsin.alert.AlertStatus;
import org.tocsin.sim.Scenario;
import org.tocsin.sim.ScenarioReports;
import org.tocsin.track.Observation;

/**
 * Feeds a scenario's synthetic reports to the live warnings as the replay clock reaches them: once,
 * for a civil-defence team that rehearses its whole chain on a real server ({@code tocsin serve
 * --replay}), or over and over, for the demo a newcomer watches in a browser ({@code tocsin demo}).
 * After the last round it goes on ticking every simulated second, so that the all-clears come.
 *
 * <p>The live warnings run on the replay's {@link #clock()}: make it, make the live warnings on it,
 * then {@link #start} the replay with them. The reports go through the live warnings as a sensor's
 * would (journalled, when the server keeps a journal), so the server decides, publishes and
 * delivers on every channel it has; the live warnings' status must be Exercise.
 *
 * <p>The replay runs at the present time: the first round's reports are shifted from the scenario's
 * dates to the clock's origin (a consumer would take a message dated 2024 as long expired), and
 * each later round's by the round's length more, so the replay clock, and every time the page
 * shows, runs forward without a jump.
 */
public final class ScenarioReplay implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ScenarioReplay.class);

  private static final Duration AFTER_LAST_REPORT = Duration.ofMinutes(3);
  private static final Duration TICK = Duration.ofSeconds(1);

  /** One thread that drops what it was to run later once it is shut down. */
  private static ScheduledThreadPoolExecutor scheduler() {
    ScheduledThreadPoolExecutor scheduler =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = new Thread(runnable, "scenario-replay");
              thread.setDaemon(true);
              return thread;
            });
    scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    return scheduler;
  }

  /** How many times the scenario is run. */
  public enum Rounds {
    /** Once, for a rehearsal. */
    ONCE,
    /** Over and over until stopped, for the demo. */
    FOREVER
  }

  /** The fastest replay: a thousand times real time. */
  public static final double MAX_SPEED = 1_000;

  private volatile LiveWarnings live;
  private final ReplayClock clock;
  private final double speed;
  private final Rounds rounds;
  private final TreeMap<Instant, List<Observation>> batches = new TreeMap<>();
  private final Duration round;
  private final Instant start;
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final ScheduledThreadPoolExecutor scheduler = scheduler();

  private ScenarioReplay(Scenario scenario, ReplayClock clock, double speed, Rounds rounds) {
    this.clock = clock;
    this.speed = speed;
    this.rounds = rounds;
    this.start = clock.origin();
    ScenarioReports reports = ScenarioReports.at(scenario, start);
    batches.putAll(reports.batches());
    Instant last = batches.isEmpty() ? start : batches.lastKey();
    Instant lastImpact = reports.lastImpact();
    Instant end = (lastImpact.isAfter(last) ? lastImpact : last).plus(AFTER_LAST_REPORT);
    this.round = Duration.between(start, end);
  }

  /**
   * Prepares a replay that runs at the present time, to the second (consumers expire messages by
   * their dates); its clock stands still until {@link #start}.
   *
   * @param speed how much faster than real time, within (0, {@value #MAX_SPEED}]
   * @param wall the wall clock the replay's clock reads
   * @throws IllegalArgumentException naming {@code --speed} when the speed is out of bounds
   */
  public static ScenarioReplay prepare(Scenario scenario, double speed, Rounds rounds, Clock wall) {
    if (!(speed > 0) || speed > MAX_SPEED) {
      throw new IllegalArgumentException(
          "--speed: must be within (0, " + (int) MAX_SPEED + "], was " + speed);
    }
    ReplayClock clock =
        new ReplayClock(wall, wall.instant().truncatedTo(ChronoUnit.SECONDS), speed);
    return new ScenarioReplay(scenario, clock, speed, rounds);
  }

  /** The clock the live warnings must run on: scenario time, shifted to the present. */
  public Clock clock() {
    return clock;
  }

  /** How much faster than real time the clock runs: the live warnings' clock rate. */
  public double speed() {
    return speed;
  }

  /**
   * Starts the replay into {@code live}: the clock, the first round now, ticks every simulated
   * second.
   *
   * @throws IllegalArgumentException when {@code live} does not run on {@link #clock()}, or not as
   *     an exercise
   */
  public void start(LiveWarnings live) {
    if (live.status() != AlertStatus.EXERCISE) {
      throw new IllegalArgumentException(
          "a replay runs as an exercise only, the warnings' status was " + live.status().capName());
    }
    this.live = live;
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
              live.execute(new Command.Batch(shifted, at));
            } catch (RuntimeException e) {
              LOG.error("command=batch at={} outcome=failed", at, e);
            }
          },
          clock.wallDelayUntil(at).toMillis(),
          TimeUnit.MILLISECONDS);
    }
    if (rounds == Rounds.ONCE) {
      return;
    }
    Instant next = start.plus(round.multipliedBy(number + 1L));
    scheduler.schedule(
        () -> {
          if (!scheduler.isShutdown()) {
            scheduleRound(number + 1);
          }
        },
        clock.wallDelayUntil(next).toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private void scheduleTick(Instant at) {
    scheduler.schedule(
        () -> {
          try {
            live.execute(new Command.Tick(at));
          } catch (RuntimeException e) {
            // Counted and logged by the writer; the next tick must come all the same.
            LOG.error("command=tick at={} outcome=failed", at, e);
          }
          if (!scheduler.isShutdown()) {
            scheduleTick(at.plus(TICK));
          }
        },
        clock.wallDelayUntil(at).toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /**
   * Stops the replay: what was scheduled is dropped, and a batch or tick being decided is let
   * finish, for up to {@link #STOP_TIMEOUT}, rather than interrupted in the middle of its journal
   * write.
   */
  @Override
  public void close() {
    scheduler.shutdown();
    try {
      if (!scheduler.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        scheduler.shutdownNow();
      }
    } catch (InterruptedException e) {
      scheduler.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
