package org.tocsin.sensors;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A sensor simulator: posts a scenario's batches to a server in order, each when the replay's clock
 * reaches its time, and waits for each to be acknowledged before the next, as the sensors would
 * have sent them. A batch that falls behind (a retry, a slow server) is posted at once, and the
 * rest follow on the clock.
 */
public final class SensorReplay {

  private final ReportPoster poster;
  private final Clock wall;

  /**
   * @param wall measures the elapsed time
   */
  public SensorReplay(ReportPoster poster, Clock wall) {
    this.poster = Objects.requireNonNull(poster, "poster");
    this.wall = Objects.requireNonNull(wall, "wall");
  }

  /**
   * Posts every batch.
   *
   * @param batches in replay order
   * @param progress told what is acknowledged after every batch
   * @return what was acknowledged: every batch
   * @throws ReplayStoppedException when a batch was refused or not taken: the replay stops there
   */
  public ReplaySummary run(
      List<SensorBatch> batches, ReplayPace pace, Consumer<ReplaySummary> progress)
      throws InterruptedException {
    Instant started = wall.instant();
    ReplaySummary done = new ReplaySummary(0, 0, 0, Duration.ZERO);
    for (SensorBatch batch : batches) {
      pace.awaitReplayTime(batch.time());
      int retries = poster.post(batch);
      done =
          new ReplaySummary(
              done.batches() + 1,
              done.reports() + batch.reports().size(),
              done.retries() + retries,
              Duration.between(started, wall.instant()));
      progress.accept(done);
    }
    return done;
  }
}
