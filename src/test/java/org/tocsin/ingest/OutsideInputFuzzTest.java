package org.tocsin.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.tocsin.alert.AlertStatus;
import org.tocsin.alert.Policy;
import org.tocsin.alert.WarningPipeline;
import org.tocsin.area.AreaSet;
import org.tocsin.area.AreaSets;
import org.tocsin.area.GeoJsonRegion;
import org.tocsin.cap.CapReader;
import org.tocsin.node.LiveWarnings;
import org.tocsin.node.Recovery;
import org.tocsin.node.StoreJournal;
import org.tocsin.sim.ScenarioLoader;
import org.tocsin.store.Journal;
import org.tocsin.store.MutableClock;
import org.tocsin.track.Observation;

/**
 * Parsers of outside input never fail with anything but a clear refusal: whatever the bytes, they
 * either read them or throw {@link IllegalArgumentException}. And what the server accepts, the
 * engine takes: valid report batches go through the warnings and a restart without an exception. In
 * {@code verify} these run as regression tests over the inputs kept in {@code
 * OutsideInputFuzzTestInputs/}; {@code JAZZER_FUZZ=1 ./mvnw test -Dtest=OutsideInputFuzzTest}
 * fuzzes each for its maximum duration.
 */
class OutsideInputFuzzTest {

  /** Loaded once per JVM: an execution must cost milliseconds. */
  private static final AreaSet AREAS = AreaSets.bundled("ua-hromadas");

  private static final Instant START = Instant.parse("2025-03-02T03:00:00Z");

  /** The longest pause between two commands (ms): long enough for threats to end and clear. */
  private static final long MAX_PAUSE_MS = 20 * 60_000;

  @FuzzTest(maxDuration = "60s")
  void reportBatchesAreReadOrRefused(byte[] input) {
    try {
      ReportJson.read(new String(input, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException expected) {
      // A refusal that names the problem is the right answer to bad input.
    }
  }

  @FuzzTest(maxDuration = "60s")
  void capMessagesAreReadOrRefused(byte[] input) {
    try {
      CapReader.read(input);
    } catch (IllegalArgumentException expected) {
      // As above: schema violations, hardening refusals and malformed XML all land here.
    }
  }

  @FuzzTest(maxDuration = "60s")
  void scenariosAreReadOrRefused(byte[] input) {
    try {
      ScenarioLoader.parse(new String(input, StandardCharsets.UTF_8), "fuzz.yaml");
    } catch (IllegalArgumentException expected) {
      // As above.
    }
  }

  @FuzzTest(maxDuration = "60s")
  void launchRegionsAreReadOrRefused(byte[] input) {
    try {
      GeoJsonRegion.read(new ByteArrayInputStream(input));
    } catch (IllegalArgumentException expected) {
      // As above: not JSON, not polygons, rings out of range or enclosing nothing.
    }
  }

  /**
   * What the server accepts, the engine takes: batches that pass the server's checks (read from
   * JSON, dated within the window, one sensor each) go through the live warnings with ticks between
   * them without an exception and without anything set aside, and a restart that replays the
   * journal puts the same warnings in force, and keeps them the same through a further batch.
   */
  @FuzzTest(maxDuration = "60s")
  void validReportBatchesGoThroughTheEngineAndARestart(FuzzedDataProvider data) {
    MutableClock clock = new MutableClock(START);
    Journal journal = FuzzJournals.emptied(clock);
    LiveWarnings live = liveWarnings(clock, journal);
    FuzzedReports reports = new FuzzedReports(data);
    int batches = data.consumeInt(1, 4);
    for (int i = 0; i < batches; i++) {
      int ticks = data.consumeInt(0, 2);
      for (int t = 0; t < ticks; t++) {
        clock.advance(Duration.ofMillis(pause(data)));
        live.tick();
      }
      clock.advance(Duration.ofMillis(pause(data)));
      List<Observation> batch =
          accepted(reports.batch(data.pickValue(FuzzedReports.SENSORS), clock.instant()), clock);
      if (!batch.isEmpty()) {
        live.ingest(batch);
      }
      assertThat(live.faults().commandsFailed()).as("commands failed").isZero();
      assertThat(live.faults().recordsSetAside()).as("records set aside").isZero();
    }
    clock.advance(Duration.ofMillis(pause(data)));
    live.tick();

    LiveWarnings restarted = liveWarnings(clock, journal);
    Recovery.replay(journal, restarted);

    assertThat(restarted.faults().recordsSetAside()).as("records set aside at restart").isZero();
    assertThat(restarted.inForce()).isEqualTo(live.inForce());

    // And the restarted server goes on as the live one would: the state a restart rebuilds may
    // differ in what shows only later (a threat retired by a tick that decided nothing visible).
    clock.advance(Duration.ofMillis(pause(data)));
    List<Observation> next =
        accepted(reports.batch(data.pickValue(FuzzedReports.SENSORS), clock.instant()), clock);
    if (!next.isEmpty()) {
      live.ingest(next);
      restarted.ingest(next);
    }
    assertThat(restarted.faults().commandsFailed()).as("commands failed after restart").isZero();
    assertThat(restarted.inForce()).as("after a further batch").isEqualTo(live.inForce());
  }

  private static LiveWarnings liveWarnings(Clock clock, Journal journal) {
    return new LiveWarnings(
        new WarningPipeline(Policy.DEFAULT, AREAS),
        clock,
        AlertStatus.EXERCISE,
        1,
        new StoreJournal(journal));
  }

  /**
   * At least a millisecond: two commands of a real server are never stamped with the same
   * microsecond (each waits for a commit), and a restart replays reports stamped alike as one
   * batch.
   */
  private static long pause(FuzzedDataProvider data) {
    return data.consumeLong(1, MAX_PAUSE_MS);
  }

  /** The batch as the server reads it, or empty when the server refuses it. */
  private static List<Observation> accepted(List<Observation> batch, Clock clock) {
    List<Observation> read;
    try {
      read = ReportJson.read(ReportJson.write(batch));
    } catch (InvalidReportException refused) {
      return List.of();
    }
    return ReportWindow.DEFAULT.problems(read, clock.instant()).isEmpty() ? read : List.of();
  }
}
