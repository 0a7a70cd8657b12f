package org.tocsin.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tocsin.alert.AlertLevel;
import org.tocsin.alert.AlertStatus;
import org.tocsin.alert.ManualAlert;
import org.tocsin.alert.MessageText;
import org.tocsin.alert.MessageType;
import org.tocsin.alert.Policy;
import org.tocsin.alert.WarningPipeline;
import org.tocsin.area.AreaSets;
import org.tocsin.bus.RecordLog;
import org.tocsin.flight.ThreatClass;
import org.tocsin.geo.GeoPoint;
import org.tocsin.node.Command;
import org.tocsin.node.LiveWarnings;
import org.tocsin.node.PublishedEvent;
import org.tocsin.store.MutableClock;
import org.tocsin.track.LaunchDetection;
import org.tocsin.track.Observation;
import org.tocsin.track.RadarMeasurement;
import org.tocsin.track.RadarPlot;
import org.tocsin.track.Tracker;

/**
 * A cluster's live warnings on an in-process shared log: every command is decided only when the
 * engine takes it from the log, at the log's time for it, and two engines fed the same log decide
 * the same events; the log's records are validated like any input.
 */
class SharedLogTest {

  private static final Instant T0 = Instant.parse("2026-03-02T01:00:00Z");
  private static final MessageText TEXT =
      new MessageText(
          "Пуск ракет", "Missile launch", "Опис", "Description", "В укриття", "Take shelter");

  private final MutableClock logClock = new MutableClock(T0);
  private final RecordLog<LoggedCommand> log = logOf(logClock);
  private final List<EngineReplica> replicas = new ArrayList<>();

  @AfterEach
  void close() {
    replicas.forEach(EngineReplica::close);
    log.close();
  }

  private static RecordLog<LoggedCommand> logOf(Clock clock) {
    // The event log's in-process form serves for any record type.
    return RecordLog.inProcess(1_000, clock);
  }

  private LiveWarnings node(Clock clock) {
    LiveWarnings live =
        LiveWarnings.shared(
            new WarningPipeline(Policy.DEFAULT, AreaSets.bundled("ua-oblasts")),
            clock,
            AlertStatus.EXERCISE,
            new LogSharedLog(log));
    EngineReplica replica = new EngineReplica(log.reader(0), live);
    replicas.add(replica);
    replica.start();
    return live;
  }

  private static ManualAlert alert(String threat, String area) {
    return new ManualAlert(
        threat,
        AlertStatus.EXERCISE,
        AlertLevel.SHELTER,
        List.of(area),
        Duration.ofMinutes(10),
        TEXT);
  }

  private static String area(int index) {
    return AreaSets.bundled("ua-oblasts").areas().get(index).id();
  }

  @Test
  void anOperatorsCommandIsDecidedByTheEngineAtTheLogsTimeAndEveryNodeDecidesTheSame() {
    LiveWarnings first = node(new MutableClock(T0.plusSeconds(3_600)));
    LiveWarnings second = node(new MutableClock(T0.minusSeconds(3_600)));
    List<PublishedEvent> seenBySecond = new ArrayList<>();
    second.subscribe(seenBySecond::add);

    List<PublishedEvent> issued =
        first.execute(new Command.Issue(alert("M1", area(0)), T0.plusSeconds(3_600)));
    logClock.advance(Duration.ofSeconds(30));
    first.execute(new Command.StandDown("M1", MessageType.CANCEL, T0.plusSeconds(3_600)));

    assertThat(issued).hasSize(1);
    // The log's time, not the node's clock nor the command's own.
    assertThat(issued.get(0).event().time()).isEqualTo(T0);
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> seenBySecond.size() == 2);
    assertThat(seenBySecond)
        .extracting(e -> e.event().id() + "@" + e.event().time())
        .containsExactly(issued.get(0).event().id() + "@" + T0, "M1-2@" + T0.plusSeconds(30));
    assertThat(second.inForce()).isEmpty();
    assertThat(first.appliedUpTo()).isEqualTo(1);
  }

  @Test
  void aCommandTheEngineRefusesIsRefusedToItsCallerAndTheNextIsTaken() {
    LiveWarnings live = node(logClock);
    live.execute(new Command.Issue(alert("M1", area(0)), T0));

    assertThatThrownBy(() -> live.execute(new Command.Issue(alert("M1", area(1)), T0)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(live.execute(new Command.Issue(alert("M2", area(1)), T0))).hasSize(1);
    assertThat(live.inForce()).containsOnlyKeys("M1", "M2");
  }

  @Test
  void aBatchIsAcknowledgedOnceTheLogHoldsItAndDecidedWhenTheEngineTakesIt() {
    LiveWarnings live = node(logClock);

    assertThat(live.ingest(List.of(plot()))).isEmpty();
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> live.appliedUpTo() == 0);
  }

  @Test
  void everyCommandMakesTheSameCommandAgainFromItsRecord() {
    ManualAlert manual = alert("M7", area(3));
    List<Command> commands =
        List.of(
            new Command.Tick(T0),
            new Command.Issue(manual, T0),
            new Command.StandDown("M7", MessageType.ALL_CLEAR, T0),
            new Command.CancelUpstream("U1", T0),
            new Command.Batch(List.of(plot()), T0));
    CommandCodec codec = new CommandCodec();
    Instant at = T0.plusSeconds(5);
    for (Command command : commands) {
      LoggedCommand decoded = codec.decode(codec.encode(CommandCodec.of(command)));
      assertThat(decoded.name()).isEqualTo(command.name());
      assertThat(decoded.command(at).at()).isEqualTo(at);
    }
    Command.Issue issue =
        (Command.Issue) codec.decode(codec.encode(CommandCodec.of(commands.get(1)))).command(at);
    assertThat(issue.alert()).isEqualTo(manual);
  }

  @Test
  void aHostileRecordIsRefusedNamingTheFieldAndTheRule() {
    CommandCodec codec = new CommandCodec();
    assertThatThrownBy(() -> codec.decode(bytes("{\"command\":\"launch\"}")))
        .hasMessageContaining("command: must be tick, issue");
    assertThatThrownBy(() -> codec.decode(bytes("{\"command\":\"stand-down\",\"threat\":\"M1\"}")))
        .hasMessageContaining("type: must be");
    assertThatThrownBy(
            () ->
                codec.decode(
                    bytes("{\"command\":\"stand-down\",\"threat\":\"M1\",\"type\":\"ALERT\"}")))
        .hasMessageContaining("type: must be CANCEL, CORRECTION or ALL_CLEAR");
    assertThatThrownBy(() -> codec.decode(bytes("[1]"))).hasMessageContaining("JSON object");
    assertThatThrownBy(() -> codec.decode(new byte[] {(byte) 0xff, 0x7b}))
        .hasMessageContaining("UTF-8");
    assertThatThrownBy(() -> new EventCodec().decode(bytes("{\"ordinal\":0}")))
        .hasMessageContaining("ordinal");
  }

  @Test
  void anEventsRecordKeepsItsOrdinalStatusOriginAndEvent() {
    LiveWarnings live = node(logClock);
    PublishedEvent event = live.execute(new Command.Issue(alert("M1", area(0)), T0)).get(0);
    EventCodec codec = new EventCodec();

    LoggedEvent back = codec.decode(codec.encode(new LoggedEvent(7, "3f9a1c2e", event)));

    assertThat(back.ordinal()).isEqualTo(7);
    assertThat(back.log()).isEqualTo("3f9a1c2e");
    assertThat(back.event().event()).isEqualTo(event.event());
    assertThat(back.event().status()).isEqualTo(AlertStatus.EXERCISE);
    assertThat(back.event().origin()).isEqualTo(PublishedEvent.Origin.MANUAL);
  }

  @Test
  void aClustersThreatIdsCarryItsLogsPrefixAndABadPrefixIsRefused() {
    WarningPipeline pipeline =
        new WarningPipeline(Policy.DEFAULT, AreaSets.bundled("ua-oblasts"))
            .withThreatIdPrefix("3f9a1c2e-");
    LaunchDetection launch =
        new LaunchDetection(
            "ir-1",
            T0.plusSeconds(20),
            GeoPoint.of(45.71, 34.39),
            T0,
            300,
            3000,
            5,
            ThreatClass.SRBM);

    pipeline.process(List.of(launch), T0.plusSeconds(20));

    assertThat(pipeline.inForce().keySet()).containsExactly("3f9a1c2e-L1");
    assertThat(pipeline.fresh().withThreatIdPrefix("").inForce()).isEmpty();
    assertThatThrownBy(() -> pipeline.withThreatIdPrefix("Bad prefix"))
        .hasMessageContaining("threatIdPrefix: must be empty or 1 to 16 of a-z, 0-9");
  }

  @Test
  void aNodeStartingAtACheckpointDecidesAsOneThatReadTheLogFromItsStart() {
    LiveWarnings first = node(logClock);
    first.ingest(List.of(launch(T0.minusSeconds(30))));
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> !first.inForce().isEmpty());
    // Not quiet: a checkpoint now is refused and changes nothing.
    assertThatThrownBy(
            () ->
                first.execute(
                    new Command.Checkpoint(new Tracker.Counters(1, 1, 1), 0, T0.plusSeconds(30))))
        .hasMessageContaining("checkpoint: the engine follows threats now");
    assertThat(first.inForce()).isNotEmpty();
    // The missile comes down, the all-clear is given, and an hour later the threat is forgotten.
    logClock.advance(Duration.ofHours(1));
    first.tick();
    logClock.advance(Duration.ofHours(2));
    first.tick();
    Command.Checkpoint checkpoint =
        first.whenQuiet(counters -> new Command.Checkpoint(counters, 3, first.now())).orElseThrow();
    assertThat(checkpoint.counters().nextLaunchThreat()).isEqualTo(2);
    first.execute(checkpoint);
    long at = first.lastCheckpoint();
    assertThat(at).isPositive();
    logClock.advance(Duration.ofMinutes(5));
    Instant second = logClock.instant();
    first.ingest(List.of(launch(second.minusSeconds(30))));
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> first.inForce().containsKey("L2"));

    LiveWarnings late =
        LiveWarnings.shared(
            new WarningPipeline(Policy.DEFAULT, AreaSets.bundled("ua-oblasts")),
            logClock,
            AlertStatus.EXERCISE,
            new LogSharedLog(log));
    List<Long> seeded = new ArrayList<>();
    EngineReplica replica =
        new EngineReplica(log.reader(at), late, cp -> seeded.add(cp.eventOrdinal()));
    replicas.add(replica);
    replica.start();
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> late.appliedUpTo() == first.appliedUpTo());

    assertThat(seeded).containsExactly(3L);
    assertThat(late.inForce()).isEqualTo(first.inForce());
    assertThat(late.inForce()).containsOnlyKeys("L2");
    List<String> afterCheckpoint =
        first.eventsAfter(0).stream()
            .filter(e -> !e.event().time().isBefore(second.minusSeconds(30)))
            .map(e -> e.event().id() + "@" + e.event().time())
            .toList();
    assertThat(late.eventsAfter(0))
        .extracting(e -> e.event().id() + "@" + e.event().time())
        .isEqualTo(afterCheckpoint);
  }

  @Test
  void aCheckpointWhoseNumbersAreNotTheEnginesIsRefused() {
    LiveWarnings live = node(logClock);
    live.execute(new Command.Tick(T0));
    Tracker.Counters own = live.whenQuiet(counters -> counters).orElseThrow();

    assertThatThrownBy(
            () ->
                live.execute(
                    new Command.Checkpoint(
                        new Tracker.Counters(own.nextTrack(), own.nextLaunchThreat() + 5, 1),
                        0,
                        T0)))
        .hasMessageContaining("checkpoint: its numbers");
    assertThat(live.lastCheckpoint()).isEqualTo(-1);
    live.execute(new Command.Checkpoint(own, 0, T0));
    assertThat(live.lastCheckpoint()).isEqualTo(2);
  }

  @Test
  void onlyThisLogsPlausibleOrdinalsCountAsPublished() throws Exception {
    RecordLog<LoggedEvent> eventLog = RecordLog.inProcess(100, logClock);
    LiveWarnings live = node(logClock);
    PublishedEvent event = live.execute(new Command.Issue(alert("M1", area(0)), T0)).get(0);
    ClusterEvents events = new ClusterEvents(eventLog.reader(0), "3f9a1c2e");
    events.start();
    try {
      eventLog.append(new LoggedEvent(900, "0badc0de", event)); // a log made before this one
      eventLog.append(new LoggedEvent(1, "3f9a1c2e", event));
      eventLog.append(new LoggedEvent(1L << 62, "3f9a1c2e", event)); // hostile
      eventLog.append(new LoggedEvent(2, "3f9a1c2e", event));
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> events.eventsAfter(0).size() == 4);

      assertThat(events.lastOrdinal()).isEqualTo(2);
      assertThat(events.eventsAfter(0))
          .extracting(PublishedEvent::sequence)
          .containsExactly(1L, 2L, 3L, 4L);
    } finally {
      events.close();
    }
  }

  private static LaunchDetection launch(Instant at) {
    return new LaunchDetection(
        "ir-1", at.plusSeconds(20), GeoPoint.of(45.71, 34.39), at, 300, 3000, 5, ThreatClass.SRBM);
  }

  /** A radar plot, such as a sensor posts. */
  private static Observation plot() {
    return new RadarPlot(
        "radar-1",
        T0,
        new GeoPoint(49.59, 34.55, 160),
        new RadarMeasurement(812_345.5, 1.234, 0.456),
        100,
        1e-3,
        1e-3);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
