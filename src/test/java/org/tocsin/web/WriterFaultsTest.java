package org.tocsin.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tocsin.alert.AlertEvent;
import org.tocsin.alert.AlertLevel;
import org.tocsin.alert.AlertStatus;
import org.tocsin.alert.AreaWarning;
import org.tocsin.alert.ManualAlert;
import org.tocsin.alert.ManualTemplates;
import org.tocsin.alert.MessageType;
import org.tocsin.alert.Policy;
import org.tocsin.alert.WarningPipeline;
import org.tocsin.area.AreaSet;
import org.tocsin.area.AreaSets;
import org.tocsin.flight.ThreatClass;
import org.tocsin.geo.GeoPoint;
import org.tocsin.node.Command;
import org.tocsin.node.LiveWarnings;
import org.tocsin.node.PublishedEvent;
import org.tocsin.node.Recovery;
import org.tocsin.node.ReportJournal;
import org.tocsin.node.StoreJournal;
import org.tocsin.node.UnusableReportsException;
import org.tocsin.node.WriterUnavailableException;
import org.tocsin.predict.Footprint;
import org.tocsin.store.ActionKind;
import org.tocsin.store.Journal;
import org.tocsin.store.JournalRecord;
import org.tocsin.store.MutableClock;
import org.tocsin.store.RecordKind;
import org.tocsin.store.TestDatabase;
import org.tocsin.track.LaunchDetection;
import org.tocsin.track.Observation;

/**
 * The writer never dies quietly and never runs ahead of its journal: a batch the engine fails on is
 * set aside, a journal record that cannot be applied never stops a restart, and a tick whose
 * journal write fails is decided again at the next tick.
 */
class WriterFaultsTest {

  private static final AreaSet AREAS = AreaSets.bundled("ua-hromadas");
  private static final Instant T = Instant.parse("2025-03-02T03:00:00Z");

  @TempDir Path dir;
  private TestDatabase db;
  private Journal journal;
  private final MutableClock clock = new MutableClock(T);

  @BeforeEach
  void open() throws Exception {
    db = TestDatabase.create(TestDatabase.Backend.H2, dir);
    journal = new Journal(db.database(), clock);
  }

  @AfterEach
  void close() throws Exception {
    db.close();
  }

  /** A short-range launch from Crimea towards the south of Ukraine, reported 20 s after it. */
  private static LaunchDetection launch(String sensor, Instant at) {
    return new LaunchDetection(
        sensor, at.plusSeconds(20), GeoPoint.of(45.71, 34.39), at, 300, 3000, 5, ThreatClass.SRBM);
  }

  /** Dated at the end of Instant's range: the engine's arithmetic overflows on it. */
  private static LaunchDetection poison() {
    Instant far = Instant.parse("+1000000000-12-31T23:59:59Z");
    return new LaunchDetection(
        "ir-1", far, GeoPoint.of(45.71, 34.39), far, 300, 3000, 5, ThreatClass.SRBM);
  }

  private LiveWarnings live(ReportJournal reportJournal) {
    return new LiveWarnings(
        new WarningPipeline(Policy.DEFAULT, AREAS), clock, AlertStatus.EXERCISE, 1, reportJournal);
  }

  /** A server's start: new warnings replaying the journal. */
  private LiveWarnings restart() {
    LiveWarnings live = live(new StoreJournal(journal));
    Recovery.replay(journal, live);
    return live;
  }

  private long setAsideMarkers() {
    try (Stream<JournalRecord> records = journal.read(1, RecordKind.OPERATOR_ACTION)) {
      return records
          .filter(r -> r.payloadJson().contains(ActionKind.RECORDS_SET_ASIDE.id()))
          .count();
    }
  }

  /** A launch report as a sensor posts it, dated {@code time}, launched at {@code launchTime}. */
  private static String launchJson(String time, String launchTime, String positionSigma) {
    return "{\"reports\":[{\"type\":\"launch-detection\",\"sensorId\":\"ir-1\",\"time\":\""
        + time
        + "\",\"launch\":{\"lat\":45.71,\"lon\":34.39,\"time\":\""
        + launchTime
        + "\"},\"headingDeg\":300,\"positionSigmaM\":"
        + positionSigma
        + ",\"headingSigmaDeg\":5,\"class\":\"srbm\"}]}";
  }

  /** Three radar plots of one scan, with the given elevation and sigmas. */
  private static String radarJson(String elevationDeg, String sigmaMrad) {
    StringBuilder json = new StringBuilder("{\"reports\":[");
    for (int i = 0; i < 3; i++) {
      json.append(i == 0 ? "" : ",")
          .append("{\"type\":\"radar-plot\",\"sensorId\":\"ir-1\",\"time\":\"2025-03-02T03:00:2")
          .append(i)
          .append("Z\",\"site\":{\"lat\":46.6,\"lon\":32.6},\"rangeM\":150000,")
          .append("\"azimuthDeg\":120,\"elevationDeg\":")
          .append(elevationDeg)
          .append(",\"rangeSigmaM\":100,\"azimuthSigmaMrad\":")
          .append(sigmaMrad)
          .append(",\"elevationSigmaMrad\":")
          .append(sigmaMrad)
          .append("}");
    }
    return json.append("]}").toString();
  }

  @Test
  void reportsNoEngineCanUseAreRefusedBeforeAnythingIsJournalled() throws Exception {
    HashedSensorKeys keys = new HashedSensorKeys();
    String key = keys.add("ir-1");
    LiveWarnings live = live(new StoreJournal(journal));
    clock.set(T.plusSeconds(30));
    Map<String, String> poisons =
        Map.ofEntries(
            Map.entry(
                launchJson("+1000000000-12-31T23:59:59Z", "2025-03-02T03:00:00Z", "3000"),
                "reports[0].time: must be within 600 s before and 30 s after"),
            Map.entry(
                launchJson("2025-03-02T03:00:20Z", "+10000-01-01T00:01:00Z", "3000"),
                "reports[0].launch.time: must not be after the report time"),
            Map.entry(
                launchJson("-1000000000-01-01T00:00:00Z", "-1000000000-01-01T00:00:00Z", "3000"),
                "reports[0].time: must be within"),
            Map.entry(
                launchJson("2026-03-02T03:00:20Z", "2026-03-02T03:00:00Z", "3000"),
                "reports[0].time: must be within"),
            Map.entry(
                launchJson("1900-03-02T03:00:20Z", "1900-03-02T03:00:00Z", "3000"),
                "reports[0].time: must be within"),
            Map.entry(
                launchJson("2025-03-02T03:00:20Z", "2025-03-02T01:00:00Z", "3000"),
                "reports[0].launch.time: must be at most 3600 s before"),
            Map.entry(
                launchJson("2025-03-02T03:00:20Z", "2025-03-02T03:00:00Z", "1e300"),
                "reports[0].positionSigmaM: must be within [0.001, 100000]"),
            Map.entry(radarJson("90", "1"), "reports[0].elevationDeg: must be within [-5, 89]"),
            Map.entry(radarJson("30", "1e-300"), "reports[0].azimuthSigmaMrad: must be within"),
            Map.entry(radarJson("30", "1e300"), "reports[2].elevationSigmaMrad: must be within"),
            Map.entry(
                launchJson("2025-03-02T03:00:20Z", "2025-03-02T03:00:00Z", "3000")
                    .replace("\"headingDeg\":300", "\"headingDeg\":300,\"headingDeg\":100"),
                "key 'headingDeg' appears twice"));
    try (WebServer server = WebServer.start(live, AREAS, ServerOptions.defaults(0, keys))) {
      HttpClient http = HttpClient.newHttpClient();
      long journalled = journal.lastSequence();
      for (Map.Entry<String, String> poison : poisons.entrySet()) {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(
                        URI.create("http://localhost:" + server.port() + "/api/v1/reports"))
                    .header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(poison.getKey()))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(poison.getKey()).isEqualTo(400);
        assertThat(response.body()).as(poison.getKey()).contains(poison.getValue());
      }
      assertThat(journal.lastSequence()).isEqualTo(journalled);
      assertThat(live.inForce()).isEmpty();
      assertThat(live.faults().commandsFailed()).isZero();
    }
  }

  @Test
  void aBatchTheEngineFailsOnIsSetAsideAndChangesNothing() {
    LiveWarnings live = live(new StoreJournal(journal));
    clock.set(T.plusSeconds(20));
    live.ingest(List.of(launch("ir-1", T)));
    Map<String, List<AreaWarning>> before = live.inForce();
    assertThat(before).hasSize(1);

    clock.set(T.plusSeconds(21));
    assertThatThrownBy(() -> live.ingest(List.of(poison())))
        .isInstanceOf(UnusableReportsException.class)
        .hasMessageContaining("set aside");

    assertThat(live.inForce()).isEqualTo(before);
    assertThat(live.faults().recordsSetAside()).isEqualTo(1);
    assertThat(setAsideMarkers()).isEqualTo(1);
    // The writer goes on: a second launch opens its own threat.
    clock.set(T.plusSeconds(50));
    live.ingest(List.of(launch("ir-1", T.plusSeconds(30))));
    assertThat(live.inForce()).hasSize(2);

    LiveWarnings restarted = restart();
    assertThat(restarted.inForce()).isEqualTo(live.inForce());
    assertThat(restarted.faults().recordsSetAside()).isZero();
  }

  @Test
  void aJournalledRecordThatCannotBeAppliedNeverStopsARestart() {
    LiveWarnings live = live(new StoreJournal(journal));
    clock.set(T.plusSeconds(20));
    live.ingest(List.of(launch("ir-1", T)));
    // What an older server journalled before it validated dates: it could never restart again.
    journal.appendReports(List.of(poison()));
    clock.set(T.plusSeconds(50));
    live.ingest(List.of(launch("ir-1", T.plusSeconds(30))));

    LiveWarnings restarted = restart();

    assertThat(restarted.inForce()).hasSize(2);
    assertThat(restarted.faults().recordsSetAside()).isEqualTo(1);
    assertThat(setAsideMarkers()).isEqualTo(1);
    // The marker is read at the next start: the record is skipped without failing again.
    LiveWarnings again = restart();
    assertThat(again.inForce()).isEqualTo(restarted.inForce());
    assertThat(again.faults().recordsSetAside()).isZero();
    assertThat(setAsideMarkers()).isEqualTo(1);
  }

  @Test
  void anApprovedDraftWithAControlCharacterJournalledBeforeTextWasCheckedNeverStopsARestart() {
    LiveWarnings live = live(new StoreJournal(journal));
    clock.set(T.plusSeconds(20));
    live.ingest(List.of(launch("ir-1", T)));
    // What an older server journalled when a second person approved "Drill\u0001".
    String text =
        "{\"headlineUk\":\"Drill\\u0001\",\"headlineEn\":\"Drill\",\"descriptionUk\":\"d\","
            + "\"descriptionEn\":\"d\",\"instructionUk\":\"i\",\"instructionEn\":\"i\"}";
    journal.append(
        RecordKind.OPERATOR_ACTION,
        "{\"action\":\"draft-approved\",\"status\":\"Exercise\",\"threat\":\"M9\","
            + "\"content\":{\"level\":\"prepare\",\"minutesToArrival\":10,\"areas\":[\""
            + AREAS.areas().get(0).id()
            + "\"],\"polygon\":null,\"template\":\"drill\",\"text\":"
            + text
            + "}}");

    LiveWarnings restarted = restart();

    assertThat(restarted.inForce()).isEqualTo(live.inForce());
    assertThat(restarted.faults().recordsSetAside()).isEqualTo(1);
    try (WebServer server = WebServer.start(restarted, AREAS, 0)) {
      assertThat(server.port()).isPositive();
    }
  }

  @Test
  void aClientResumingAfterEventsNoLongerKeptInMemoryGetsThemFromTheJournal() {
    LiveWarnings live =
        new LiveWarnings(
            new WarningPipeline(Policy.DEFAULT, AREAS),
            clock,
            AlertStatus.EXERCISE,
            1,
            new StoreJournal(journal),
            2);
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(
          live.execute(
                  new Command.Issue(
                      new ManualAlert(
                          "M" + i,
                          AlertStatus.EXERCISE,
                          AlertLevel.PREPARE,
                          List.of(AREAS.areas().get(i).id()),
                          java.time.Duration.ofMinutes(10),
                          ManualTemplates.forStatus(AlertStatus.EXERCISE).get(0).text()),
                      live.now()))
              .get(0)
              .sequence());
    }

    assertThat(live.eventsAfter(0)).extracting(PublishedEvent::sequence).isEqualTo(ids);
    assertThat(live.eventsAfter(ids.get(1)))
        .extracting(PublishedEvent::sequence)
        .isEqualTo(ids.subList(2, 5));
    assertThat(live.eventsAfter(0).get(0).event().threatId()).isEqualTo("M0");
  }

  @Test
  void aTickWhoseJournalWriteFailsIsDecidedAgainAtTheNextTick() {
    FailingJournal failing = new FailingJournal(new StoreJournal(journal));
    LiveWarnings live = live(failing);
    List<AlertEvent> published = new CopyOnWriteArrayList<>();
    live.subscribe(event -> published.add(event.event()));
    clock.set(T.plusSeconds(20));
    live.ingest(List.of(launch("ir-1", T)));
    assertThat(published).extracting(AlertEvent::type).containsExactly(MessageType.ALERT);

    // Tick until a tick decides something (a shelter deadline), and fail that tick's journal write.
    failing.failNextDecisions = true;
    Instant at = T.plusSeconds(20);
    while (failing.lost.isEmpty()) {
      at = at.plusSeconds(1);
      assertThat(at).isBefore(T.plusSeconds(900));
      clock.set(at);
      try {
        live.tick();
      } catch (RuntimeException expected) {
        // the journal's failure, answered by the writer
      }
    }
    List<String> lost = failing.lost.stream().map(AlertEvent::id).toList();
    assertThat(published).hasSize(1);

    clock.set(at.plusSeconds(1));
    live.tick();

    assertThat(published.subList(1, published.size())).extracting(AlertEvent::id).containsAll(lost);
    assertThat(live.faults().commandsFailed()).isEqualTo(1);
    assertThat(restart().inForce()).isEqualTo(live.inForce());
  }

  @Test
  void whileTheJournalIsDownTicksNeverThrowAndReportsAreRefusedUntilItIsBack() {
    FailingJournal failing = new FailingJournal(new StoreJournal(journal));
    LiveWarnings live = live(failing);
    clock.set(T.plusSeconds(20));
    live.ingest(List.of(launch("ir-1", T)));

    failing.down = true;
    Instant at = T.plusSeconds(20);
    for (int i = 0; i < 120; i++) {
      at = at.plusSeconds(1);
      clock.set(at);
      live.tickQuietly();
    }
    Instant now = at;
    assertThatThrownBy(() -> live.ingest(List.of(launch("ir-2", now.minusSeconds(20)))))
        .isInstanceOf(WriterUnavailableException.class);

    failing.down = false;
    clock.set(at.plusSeconds(1));
    live.tickQuietly();
    assertThat(live.faults().commandsFailed()).isPositive();
    assertThat(live.ingest(List.of(launch("ir-2", now.minusSeconds(20))))).isNotEmpty();
    assertThat(restart().inForce().keySet()).isEqualTo(live.inForce().keySet());
  }

  @Test
  void aRepeatedReportIsDroppedSoARetryNeverOpensASecondThreat() {
    LiveWarnings live = live(new StoreJournal(journal));
    clock.set(T.plusSeconds(20));
    List<Observation> batch = List.of(launch("ir-1", T));
    assertThat(live.ingest(batch)).isNotEmpty();
    assertThat(live.ingest(batch)).isEmpty();
    assertThat(live.ingest(List.of(launch("ir-1", T), launch("ir-1", T)))).isEmpty();
    assertThat(live.inForce()).hasSize(1);
    assertThat(restart().inForce()).hasSize(1);
  }

  @Test
  void aSubscriberThatThrowsNeverFailsTheCommandNorTheOtherSubscribers() {
    LiveWarnings live = live(ReportJournal.NONE);
    List<PublishedEvent> received = new ArrayList<>();
    live.subscribe(
        event -> {
          throw new IllegalStateException("a client gone");
        });
    live.subscribe(received::add);
    clock.set(T.plusSeconds(20));

    List<PublishedEvent> events = live.ingest(List.of(launch("ir-1", T)));

    assertThat(events).isNotEmpty();
    assertThat(received).isEqualTo(events);
  }

  /**
   * The server's journal with a fault switched on by the test: a database that fails a write, or is
   * down altogether. A real database cannot be made to fail exactly one commit on demand.
   */
  private static final class FailingJournal implements ReportJournal {
    private final ReportJournal journal;
    volatile boolean failNextDecisions;
    volatile boolean down;
    final List<AlertEvent> lost = new ArrayList<>();

    FailingJournal(ReportJournal journal) {
      this.journal = journal;
    }

    private void check() {
      if (down) {
        throw new org.tocsin.store.StoreException("the database is down", null);
      }
    }

    @Override
    public long reports(List<Observation> batch) {
      check();
      return journal.reports(batch);
    }

    @Override
    public List<Long> decisions(List<Footprint> footprints, List<AlertEvent> events) {
      check();
      if (failNextDecisions && !events.isEmpty()) {
        failNextDecisions = false;
        lost.addAll(events);
        throw new org.tocsin.store.StoreException("the commit failed", null);
      }
      return journal.decisions(footprints, events);
    }

    @Override
    public void setAside(long from, long to, String command, String reason) {
      check();
      journal.setAside(from, to, command, reason);
    }

    @Override
    public boolean durable() {
      return true;
    }

    @Override
    public void replayInto(LiveWarnings live) {
      check();
      journal.replayInto(live);
    }

    @Override
    public List<JournalledEvent> events(long after, long upTo, int limit) {
      check();
      return journal.events(after, upTo, limit);
    }
  }
}
