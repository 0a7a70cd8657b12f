package org.tocsin.sensors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tocsin.alert.AlertEvent;
import org.tocsin.alert.AlertLevel;
import org.tocsin.alert.AlertStatus;
import org.tocsin.alert.MessageType;
import org.tocsin.alert.Policy;
import org.tocsin.alert.WarningPipeline;
import org.tocsin.geo.GeoPoint;
import org.tocsin.ingest.ReportJson;
import org.tocsin.node.Command;
import org.tocsin.node.LiveWarnings;
import org.tocsin.node.PublishedEvent;
import org.tocsin.sim.Scenario;
import org.tocsin.sim.ScenarioLoader;
import org.tocsin.sim.ScenarioReports;
import org.tocsin.store.MutableClock;

/**
 * A whole public scenario replayed over HTTP to a real server (journal on H2, the sensors' keys in
 * its database) warns exactly as the same batches fed to the engine in process, as {@code serve
 * --replay} feeds its own: each batch decided at its own time, a tick every second.
 *
 * <p>The replay's clock here is the server's, moved by the test from batch to batch (a simulated
 * clock, as {@code tocsin simulate} runs one), so that both runs decide at the same times and the
 * comparison is exact however loaded the machine is.
 */
class SensorReplayTest {

  private static final Duration TICK = Duration.ofSeconds(1);
  private static final Duration AFTER_LAST_IMPACT = Duration.ofMinutes(3);

  @TempDir Path dir;

  @Test
  void theDniproStrikeReplayedOverHttpIsAcknowledgedWholeAndWarnsAsInProcess() throws Exception {
    Scenario scenario = ScenarioLoader.load(Path.of("scenarios", "dnipro-2024-11-21.yaml"));
    ScenarioReports reports = ScenarioReports.at(scenario, scenario.start());
    List<SensorBatch> batches = SensorBatch.of(reports);
    MutableClock serverClock = new MutableClock(scenario.start());
    List<ReplaySummary> progress = new ArrayList<>();

    List<AlertEvent> overHttp;
    try (ReportServer server =
        ReportServer.start(dir, scenario, serverClock, 1, AlertStatus.EXERCISE)) {
      Ticking pace = new Ticking(server.live(), serverClock, scenario.start());
      ReportPoster poster =
          new ReportPoster(
              List.of(ReportPoster.serverUrl(server.url())),
              server.keys(),
              RetryPolicy.DEFAULT,
              notice -> {});

      ReplaySummary summary =
          new SensorReplay(poster, Clock.systemUTC()).run(batches, pace, progress::add);
      pace.awaitReplayTime(reports.lastImpact().plus(AFTER_LAST_IMPACT));

      assertThat(summary.batches()).isEqualTo(batches.size());
      assertThat(summary.reports()).isEqualTo(reports.reportCount()).isPositive();
      assertThat(progress).hasSize(batches.size()).last().isEqualTo(summary);
      assertThat(server.journalledReports()).isEqualTo(reports.reportCount());
      overHttp = alertEvents(server.live());
      String struck = server.areas().containing(GeoPoint.of(48.44, 35.01)).orElseThrow().id();
      assertThat(overHttp).first().extracting(AlertEvent::type).isEqualTo(MessageType.ALERT);
      assertThat(overHttp)
          .anySatisfy(event -> assertThat(event.areaIds(AlertLevel.SHELTER)).contains(struck));
      assertThat(overHttp).last().extracting(AlertEvent::type).isEqualTo(MessageType.ALL_CLEAR);
    }

    assertThat(overHttp).isEqualTo(inProcess(scenario, batches, reports));
  }

  /**
   * The same batches fed to the engine directly, at the same times, with the same ticks. Each goes
   * through the JSON a sensor posts first: its angles are written in degrees and read back in
   * radians, which moves a predicted arrival by nanoseconds; the engine must see what the server
   * sees.
   */
  private static List<AlertEvent> inProcess(
      Scenario scenario, List<SensorBatch> batches, ScenarioReports reports)
      throws InterruptedException {
    MutableClock clock = new MutableClock(scenario.start());
    LiveWarnings live =
        new LiveWarnings(
            new WarningPipeline(Policy.DEFAULT, org.tocsin.area.AreaSets.bundled(scenario.areas())),
            clock,
            AlertStatus.EXERCISE,
            1);
    Ticking pace = new Ticking(live, clock, scenario.start());
    for (SensorBatch batch : batches) {
      pace.awaitReplayTime(batch.time());
      live.execute(
          new Command.Batch(ReportJson.read(ReportJson.write(batch.reports())), batch.time()));
    }
    pace.awaitReplayTime(reports.lastImpact().plus(AFTER_LAST_IMPACT));
    return alertEvents(live);
  }

  private static List<AlertEvent> alertEvents(LiveWarnings live) {
    return live.eventsAfter(0).stream().map(PublishedEvent::event).toList();
  }

  /**
   * A simulated replay clock: moving it to a time ticks the warnings at every second on the way.
   */
  private static final class Ticking implements ReplayPace {
    private final LiveWarnings live;
    private final MutableClock clock;
    private Instant nextTick;

    Ticking(LiveWarnings live, MutableClock clock, Instant start) {
      this.live = live;
      this.clock = clock;
      this.nextTick = start.plus(TICK);
    }

    @Override
    public void awaitReplayTime(Instant time) {
      while (!nextTick.isAfter(time)) {
        clock.set(nextTick);
        live.execute(new Command.Tick(nextTick));
        nextTick = nextTick.plus(TICK);
      }
      clock.set(time);
    }
  }
}
