package org.tocsin.node;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tocsin.alert.AlertEvent;
import org.tocsin.alert.AlertStatus;
import org.tocsin.alert.AreaWarning;
import org.tocsin.alert.ManualAlert;
import org.tocsin.alert.MessageType;
import org.tocsin.alert.RelayReason;
import org.tocsin.alert.ThreatPhase;
import org.tocsin.alert.UpstreamAlert;
import org.tocsin.alert.WarningPipeline;
import org.tocsin.predict.Footprint;
import org.tocsin.track.Observation;
import org.tocsin.track.TrackedThreat;

/**
 * The server's live warnings: the pipeline driven by arriving reports and by a clock, with every
 * alert event numbered, kept and pushed to subscribers.
 *
 * <p>One writer at a time: every command (a batch, a tick, an operator's action) is synchronised,
 * so events are numbered and published in the order they were decided. Subscribers are called on
 * the writer's thread and must not block (the SSE hub hands events to each client's own queue); one
 * that throws is logged and skipped, never failing the command. Readers never wait for the writer:
 * they read an immutable view taken after each command.
 *
 * <p>The writer never dies quietly and never runs ahead of its journal. A command that fails is
 * logged, counted in {@link #faults()}, and answered by an explicit policy: a batch the engine
 * could not use is set aside in the journal (refused, and never applied again), and whenever the
 * state may differ from what the journal holds (an engine fault, a journal write that failed after
 * the state changed) the state is rebuilt from the journal before the next command. Until that
 * rebuild succeeds every command is refused with {@link WriterUnavailableException}, and each tick
 * tries again, so deadlines and all-clears come as soon as the journal is back.
 *
 * <p>Statuses are kept per threat: automatic warnings carry the server's status, a manual alert the
 * status of its draft, and every later event of a threat (its corrections included) the same status
 * as its first. Nothing here changes a threat's status once it is set.
 *
 * <p>Event ids (what the event stream sends as {@code id:} and a client resumes after) increase and
 * are never reused, across restarts too: with a journal they are the journal's sequence numbers of
 * the events' records, which a restart finds again when it replays the journal; without one (a
 * demo) they are the wall clock's microseconds at publication, strictly increasing, so a client
 * that resumes after the server restarted still gets every event of the new run. (Numbers that
 * began again at 1 made such a client skip the first events after a restart, the Alert among them.)
 */
public final class LiveWarnings {

  private static final Logger LOG = LoggerFactory.getLogger(LiveWarnings.class);

  /**
   * The most events kept in memory for clients that resume ({@code Last-Event-ID}); older ones are
   * in the journal. Hours of a large attack.
   */
  public static final int MAX_EVENTS = 10_000;

  private WarningPipeline pipeline;
  private final Clock clock;
  private final AlertStatus status;
  private final double clockRate;
  private final ReportJournal journal;
  private final ConcurrentSkipListMap<Long, PublishedEvent> published =
      new ConcurrentSkipListMap<>();
  private final List<Consumer<PublishedEvent>> subscribers = new CopyOnWriteArrayList<>();
  private final Map<String, ManualAlert> manual = new ConcurrentHashMap<>();
  private final UpstreamThreats upstream = new UpstreamThreats();
  private final RecentReports recent = new RecentReports();
  private final Faults faults;

  /** Numbers events when there is no journal: its microseconds are ids that outlive a restart. */
  private final Clock wall = Clock.systemUTC();

  private long lastId;

  /** How many events are kept in memory: {@link #MAX_EVENTS}, fewer in tests. */
  private final int maxEvents;

  /** The highest id forgotten from memory, 0 while none was: older ones come from the journal. */
  private volatile long forgottenUpTo;

  /** What readers see: the state after the last command. */
  private volatile View view = View.EMPTY;

  /** The state may differ from the journal's: rebuild it before the next command. */
  private boolean rebuildDue;

  /**
   * While a rebuild replays: events up to this id were published already and are not sent again.
   */
  private long republishedUpTo;

  /** The journalled id of each event, by event id, while the journal is replayed. */
  private Map<String, Long> journalledIds = Map.of();

  /** The state readers see, taken after each command; never changed. */
  private record View(
      Map<String, List<AreaWarning>> inForce,
      List<TrackedThreat> threats,
      Map<String, ThreatPhase> phases) {
    static final View EMPTY = new View(Map.of(), List.of(), Map.of());
  }

  /**
   * @param clockRate how fast {@code clock} runs against the wall clock: 1 for a real server, the
   *     replay speed for a demo (pages count down at this rate)
   */
  public LiveWarnings(WarningPipeline pipeline, Clock clock, AlertStatus status, double clockRate) {
    this(pipeline, clock, status, clockRate, ReportJournal.NONE);
  }

  /**
   * @param journal where reports are stored before they are acknowledged, and events as they are
   *     published
   */
  public LiveWarnings(
      WarningPipeline pipeline,
      Clock clock,
      AlertStatus status,
      double clockRate,
      ReportJournal journal) {
    this(pipeline, clock, status, clockRate, journal, MAX_EVENTS);
  }

  /**
   * @param maxEvents how many events to keep in memory for clients that resume; older ones are read
   *     from the journal
   */
  public LiveWarnings(
      WarningPipeline pipeline,
      Clock clock,
      AlertStatus status,
      double clockRate,
      ReportJournal journal,
      int maxEvents) {
    this.maxEvents = maxEvents;
    this.pipeline = pipeline;
    this.clock = clock;
    this.status = status;
    this.clockRate = clockRate;
    this.journal = journal;
    this.faults = new Faults(wall);
  }

  public double clockRate() {
    return clockRate;
  }

  /** The status of the automatic warnings: the server's. */
  public AlertStatus status() {
    return status;
  }

  /** What failed, and what was set aside, since the start. */
  public Faults faults() {
    return faults;
  }

  /**
   * The status of a threat's warnings: its manual alert's, its upstream authority's, else the
   * server's.
   */
  public AlertStatus statusOf(String threatId) {
    ManualAlert alert = manual.get(threatId);
    if (alert != null) {
      return alert.status();
    }
    return upstream.get(threatId).map(UpstreamAlert::status).orElse(status);
  }

  /**
   * Who decided a threat's warnings: people, for a manual alert; an upstream authority, for one
   * relayed; else the engine.
   */
  public PublishedEvent.Origin originOf(String threatId) {
    if (manual.containsKey(threatId)) {
      return PublishedEvent.Origin.MANUAL;
    }
    return upstream.contains(threatId)
        ? PublishedEvent.Origin.UPSTREAM
        : PublishedEvent.Origin.ENGINE;
  }

  /** The upstream authority's alert behind a threat, if it relays one (its latest Update). */
  public Optional<UpstreamAlert> upstreamAlert(String threatId) {
    return upstream.get(threatId);
  }

  private Optional<String> authorityOf(String threatId) {
    return upstream.get(threatId).map(UpstreamAlert::authority);
  }

  /** The threat an upstream message, by its sender and identifier, was relayed as, if any. */
  public Optional<String> upstreamThreatOf(String sender, String identifier) {
    return upstream.threatOf(sender, identifier);
  }

  /** The manual alert behind a threat, if people issued it. */
  public Optional<ManualAlert> manualAlert(String threatId) {
    return Optional.ofNullable(manual.get(threatId));
  }

  /** The clock's time now: the time the page counts down against. */
  public Instant now() {
    return clock.instant();
  }

  /**
   * Takes a batch of reports arriving now: journals it (durable before this returns, so the caller
   * may acknowledge it then), decides, journals and publishes the events it caused.
   *
   * @throws UnusableReportsException when the engine could not use the batch: it is set aside and
   *     changed nothing
   * @throws WriterUnavailableException when the state could not be rebuilt from the journal
   */
  public List<PublishedEvent> ingest(List<Observation> batch) {
    return ingestAt(batch, clock.instant());
  }

  /**
   * Takes a batch of reports as if it arrived at {@code at}: a replay's own time for it, so that a
   * replay that falls behind the wall clock (a loaded machine) decides as it would on time. Reports
   * taken in lately (a sensor's retry) are dropped.
   */
  public synchronized List<PublishedEvent> ingestAt(List<Observation> batch, Instant at) {
    catchUp();
    List<Observation> fresh = recent.unseen(batch);
    if (fresh.isEmpty()) {
      return List.of();
    }
    long last = journal.reports(fresh);
    recent.remember(fresh);
    WarningPipeline.Outcome outcome;
    try {
      outcome = pipeline.process(fresh, at);
    } catch (RuntimeException e) {
      String reason = Faults.describe(e);
      LOG.error(
          "command=batch reports={} at={} outcome=set-aside: the engine failed on the batch",
          fresh.size(),
          at,
          e);
      String action = "the batch's " + fresh.size() + " reports set aside; the state rebuilt";
      faults.setAside(fresh.size(), "batch", e, action);
      if (journal.durable()) {
        journal.setAside(last - fresh.size() + 1, last, "batch", reason);
      }
      rebuild();
      throw new UnusableReportsException(
          "reports: the warning engine could not use this batch ("
              + reason
              + "); it was set aside and changed nothing",
          e);
    }
    return decided("batch", outcome.footprints(), outcome.events());
  }

  /** Makes time-driven decisions due now (shelter deadlines, all-clears). */
  public List<PublishedEvent> tick() {
    return tickAt(clock.instant());
  }

  /**
   * Makes the time-driven decisions due now, for a scheduler: never throws. A failure is logged and
   * counted, and the next tick rebuilds the state from the journal and decides again, so a deadline
   * missed by a failed tick comes one tick later.
   */
  public void tickQuietly() {
    try {
      tick();
    } catch (Throwable e) { // NOPMD: a scheduler stops for good on the first exception it sees
      LOG.error("command=tick outcome=failed: retried at the next tick", e);
    }
  }

  /** Makes the time-driven decisions due at {@code at}: a replay's own time for its tick. */
  public synchronized List<PublishedEvent> tickAt(Instant at) {
    catchUp();
    List<AlertEvent> events;
    try {
      events = new ArrayList<>(pipeline.tick(at));
      events.addAll(expireUpstream(at));
    } catch (RuntimeException e) {
      engineFailed("tick", e);
      throw e;
    }
    return decided("tick", List.of(), events);
  }

  /** Ends the upstream alerts whose authority's message has expired by {@code at}. */
  private List<AlertEvent> expireUpstream(Instant at) {
    List<AlertEvent> events = new ArrayList<>();
    for (String threat : upstream.expired(pipeline.inForce().keySet(), at)) {
      UpstreamAlert alert = upstream.get(threat).orElseThrow();
      pipeline
          .standDown(
              threat,
              MessageType.CANCEL,
              at,
              "the message of upstream authority "
                  + alert.authority()
                  + " expired at "
                  + alert.expires())
          .ifPresent(events::add);
    }
    return events;
  }

  /**
   * Replays a journalled batch at the time it was first taken in, after a restart: decides again
   * (the pipeline is deterministic) and publishes the events under their journalled ids, without
   * journalling anything twice.
   */
  public synchronized List<PublishedEvent> replay(List<Observation> batch, Instant at) {
    recent.remember(batch);
    return publishReplayed(pipeline.process(batch, at).events());
  }

  /**
   * Replays a tick that decided what the journal holds at {@code at}: shelter deadlines and
   * all-clears come again at the time they came, under their journalled ids.
   */
  public synchronized List<PublishedEvent> replayTick(Instant at) {
    List<AlertEvent> events = new ArrayList<>(pipeline.tick(at));
    events.addAll(expireUpstream(at));
    return publishReplayed(events);
  }

  /**
   * Forgets every threat, before the journal is replayed into this: the first replay after a start,
   * or a rebuild. Events already published are not sent to subscribers again.
   */
  synchronized void resetForReplay() {
    pipeline = pipeline.fresh();
    manual.clear();
    upstream.clear();
    recent.clear();
    republishedUpTo = lastId;
  }

  /**
   * Gives the ids the journal holds for its events, by event id, before it is replayed: a replayed
   * event keeps the id it was published with, so a client resumes where it was.
   */
  synchronized void replayingJournal(Map<String, Long> idsByEvent) {
    journalledIds = Map.copyOf(idsByEvent);
    if (idsByEvent.isEmpty()) {
      refreshView();
    }
  }

  /**
   * Puts an approved manual alert in force now: journals and publishes its Alert.
   *
   * @throws IllegalArgumentException when an area is not in the set or the threat exists
   */
  public synchronized PublishedEvent issue(ManualAlert alert) {
    catchUp();
    AlertEvent event = issueAt(alert, clock.instant());
    return decided("issue", List.of(), List.of(event)).get(0);
  }

  /**
   * Stands a threat's warnings down now by people's decision (a Cancel, correction or all-clear):
   * journals and publishes the event, which references the threat's previous one.
   *
   * @return the event, or empty when the threat has no warnings in force
   */
  public synchronized Optional<PublishedEvent> standDown(String threatId, MessageType type) {
    catchUp();
    Optional<AlertEvent> event = standDownAt(threatId, type, clock.instant());
    if (event.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(decided("stand-down", List.of(), List.of(event.get())).get(0));
  }

  /** Replays an approval journalled before a restart, at the time it was made. */
  public synchronized List<PublishedEvent> replayIssue(ManualAlert alert, Instant at) {
    return publishReplayed(List.of(issueAt(alert, at)));
  }

  /** Replays a stand-down journalled before a restart, at the time it was made. */
  public synchronized List<PublishedEvent> replayStandDown(
      String threatId, MessageType type, Instant at) {
    return publishReplayed(standDownAt(threatId, type, at).stream().toList());
  }

  /**
   * Relays an upstream authority's alert now: a new alert, or the Update of the alert of the same
   * threat when that one is in force. Journals and publishes its event.
   *
   * @throws IllegalArgumentException when an area is not in the set, or a new alert's threat exists
   */
  public synchronized PublishedEvent relay(UpstreamAlert alert) {
    catchUp();
    AlertEvent event = relayAt(alert, clock.instant());
    return decided("relay", List.of(), List.of(event)).get(0);
  }

  /**
   * Ends an upstream alert now, by its authority's Cancel: that alert only, whatever else covers
   * its areas.
   *
   * @return the Cancel, or empty when the alert is not in force
   */
  public synchronized Optional<PublishedEvent> cancelUpstream(String threatId) {
    catchUp();
    Optional<AlertEvent> event = cancelUpstreamAt(threatId, clock.instant());
    if (event.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(decided("upstream-cancel", List.of(), List.of(event.get())).get(0));
  }

  /** Replays a relay journalled before a restart, at the time it was made. */
  public synchronized List<PublishedEvent> replayRelay(UpstreamAlert alert, Instant at) {
    return publishReplayed(List.of(relayAt(alert, at)));
  }

  /** Replays an upstream Cancel journalled before a restart, at the time it was made. */
  public synchronized List<PublishedEvent> replayCancelUpstream(String threatId, Instant at) {
    return publishReplayed(cancelUpstreamAt(threatId, at).stream().toList());
  }

  private AlertEvent relayAt(UpstreamAlert alert, Instant at) {
    boolean update = upstream.contains(alert.threatId());
    String reason = RelayReason.relayed(alert, update);
    AlertEvent event =
        update ? pipeline.relayUpdate(alert, at, reason) : pipeline.relay(alert, at, reason);
    upstream.put(alert, pipeline.inForce().keySet());
    return event;
  }

  private Optional<AlertEvent> cancelUpstreamAt(String threatId, Instant at) {
    Optional<UpstreamAlert> alert = upstream.get(threatId);
    if (alert.isEmpty()) {
      return Optional.empty();
    }
    return pipeline.standDown(threatId, MessageType.CANCEL, at, RelayReason.cancelled(alert.get()));
  }

  private AlertEvent issueAt(ManualAlert alert, Instant at) {
    AlertEvent event =
        pipeline.issue(
            alert,
            at,
            "issued by people: a draft approved by a second person ("
                + alert.status().stated()
                + ")");
    manual.put(alert.threatId(), alert);
    return event;
  }

  private Optional<AlertEvent> standDownAt(String threatId, MessageType type, Instant at) {
    String reason =
        switch (type) {
          case CANCEL -> "cancelled by an operator";
          case CORRECTION -> "corrected by an operator: the alert was issued in error";
          case ALL_CLEAR -> "all clear given by an operator";
          default -> throw new IllegalArgumentException("not a stand-down: " + type);
        };
    return pipeline.standDown(
        threatId, type, at, reason + " (" + statusOf(threatId).stated() + ")");
  }

  /**
   * The events published after {@code sequence}, in order: from memory, and from the journal for
   * those no longer kept there (at most {@link #MAX_EVENTS} of them: a client that was away longer
   * gets the latest of its history and the alerts in force).
   */
  public List<PublishedEvent> eventsAfter(long sequence) {
    long forgotten = forgottenUpTo;
    List<PublishedEvent> kept = List.copyOf(published.tailMap(sequence, false).values());
    if (sequence >= forgotten || !journal.durable()) {
      return kept;
    }
    List<PublishedEvent> events = new ArrayList<>();
    for (ReportJournal.JournalledEvent old : journal.events(sequence, forgotten, MAX_EVENTS)) {
      String threat = old.event().threatId();
      events.add(
          new PublishedEvent(
              old.sequence(),
              old.event(),
              statusOf(threat),
              originOf(threat),
              authorityOf(threat)));
    }
    long lastOld = events.isEmpty() ? sequence : events.get(events.size() - 1).sequence();
    kept.stream().filter(event -> event.sequence() > lastOld).forEach(events::add);
    return events;
  }

  /** Warnings in force, by threat, after the last command. */
  public Map<String, List<AreaWarning>> inForce() {
    return view.inForce();
  }

  /** The threats tracked, after the last command. */
  public List<TrackedThreat> threats() {
    return view.threats();
  }

  /** Where a threat is in its life; empty for a threat not warned for (yet). */
  public Optional<ThreatPhase> phase(String threatId) {
    return Optional.ofNullable(view.phases().get(threatId));
  }

  /** Calls {@code subscriber} with every event published from now on. */
  public void subscribe(Consumer<PublishedEvent> subscriber) {
    subscribers.add(subscriber);
  }

  public void unsubscribe(Consumer<PublishedEvent> subscriber) {
    subscribers.remove(subscriber);
  }

  /**
   * Journals what a command decided and publishes it. A journal that fails here leaves the state
   * ahead of it: the state is rebuilt from the journal (now, or before the next command), and the
   * events, never published, are decided again then.
   */
  private List<PublishedEvent> decided(
      String command, List<Footprint> footprints, List<AlertEvent> events) {
    List<Long> ids;
    try {
      ids = journal.decisions(footprints, events);
    } catch (RuntimeException e) {
      engineFailed(command, e);
      throw e;
    }
    List<PublishedEvent> numbered = publish(events, ids);
    refreshView();
    return numbered;
  }

  /** After a command failed with the state changed: logs, counts, rebuilds when it can. */
  private void engineFailed(String command, RuntimeException e) {
    LOG.error("command={} outcome=failed: the state is rebuilt from the journal", command, e);
    faults.commandFailed(command, e, "the state rebuilt from the journal");
    try {
      rebuild();
    } catch (RuntimeException rebuildFailed) {
      e.addSuppressed(rebuildFailed);
    }
  }

  /** Rebuilds the state before a command, when an earlier one left it unsure. */
  private void catchUp() {
    if (rebuildDue) {
      try {
        rebuild();
      } catch (RuntimeException e) {
        throw new WriterUnavailableException(
            "the warnings are being rebuilt from the journal, which cannot be read now ("
                + Faults.describe(e)
                + "); try again",
            e);
      }
    }
  }

  /**
   * Rebuilds the state from the journal. Without a journal (a demo) there is nothing to rebuild
   * from: the state carries on as it is, the failed batch dropped.
   */
  private void rebuild() {
    if (!journal.durable()) {
      return;
    }
    rebuildDue = true;
    try {
      journal.replayInto(this);
      rebuildDue = false;
      LOG.info("outcome=rebuilt: the state is the journal's again");
    } catch (RuntimeException e) {
      LOG.error("command=rebuild outcome=failed: tried again before the next command", e);
      faults.commandFailed("rebuild", e, "tried again before the next command");
      throw e;
    } finally {
      republishedUpTo = 0;
      journalledIds = Map.of();
      refreshView();
    }
  }

  private void refreshView() {
    Map<String, List<AreaWarning>> inForce = new HashMap<>();
    pipeline.inForce().forEach((threat, warnings) -> inForce.put(threat, List.copyOf(warnings)));
    List<TrackedThreat> threats = List.copyOf(pipeline.threats());
    Map<String, ThreatPhase> phases = new HashMap<>();
    for (String threat : inForce.keySet()) {
      pipeline.phase(threat).ifPresent(phase -> phases.put(threat, phase));
    }
    for (TrackedThreat threat : threats) {
      pipeline.phase(threat.id()).ifPresent(phase -> phases.put(threat.id(), phase));
    }
    view = new View(Map.copyOf(inForce), threats, Map.copyOf(phases));
  }

  /**
   * Publishes replayed events under the ids they were journalled with. One the journal lacks (the
   * server stopped after storing the reports and before storing what they led to) was never
   * published: it is journalled now, so it gets a new id and its deliveries are queued.
   */
  private List<PublishedEvent> publishReplayed(List<AlertEvent> events) {
    List<PublishedEvent> numbered = new ArrayList<>();
    for (AlertEvent event : events) {
      Long id = journalledIds.get(event.id());
      List<Long> ids = id != null ? List.of(id) : journal.decisions(List.of(), List.of(event));
      numbered.addAll(publish(List.of(event), ids));
    }
    return numbered;
  }

  /**
   * @param ids the journal's id for each event, or empty to number them here
   */
  private List<PublishedEvent> publish(List<AlertEvent> events, List<Long> ids) {
    List<PublishedEvent> numbered = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      AlertEvent event = events.get(i);
      long id = ids.isEmpty() ? Math.max(lastId + 1, wallMicros()) : ids.get(i);
      lastId = Math.max(lastId, id);
      String threat = event.threatId();
      PublishedEvent publishedEvent =
          new PublishedEvent(id, event, statusOf(threat), originOf(threat), authorityOf(threat));
      numbered.add(publishedEvent);
      if (id <= republishedUpTo) {
        continue; // published before the rebuild that met it again: its subscribers have it
      }
      published.put(id, publishedEvent);
      while (published.size() > maxEvents) {
        forgottenUpTo = Math.max(forgottenUpTo, published.pollFirstEntry().getKey());
      }
      for (Consumer<PublishedEvent> subscriber : subscribers) {
        try {
          subscriber.accept(publishedEvent);
        } catch (RuntimeException e) {
          // One subscriber (a client gone, a CAP that could not be built) never stops the others.
          LOG.warn("event={} threat={} outcome=subscriber-failed", event.id(), event.threatId(), e);
        }
      }
    }
    return numbered;
  }

  private long wallMicros() {
    Instant now = wall.instant();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }
}
