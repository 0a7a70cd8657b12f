package org.tocsin.web;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.tocsin.alert.AlertEvent;
import org.tocsin.alert.AlertStatus;
import org.tocsin.alert.AreaWarning;
import org.tocsin.alert.ManualAlert;
import org.tocsin.alert.MessageType;
import org.tocsin.alert.ThreatPhase;
import org.tocsin.alert.WarningPipeline;
import org.tocsin.track.Observation;
import org.tocsin.track.TrackedThreat;

/**
 * The server's live warnings: the pipeline driven by arriving reports and by a clock, with every
 * alert event numbered, kept and pushed to subscribers.
 *
 * <p>One writer at a time: ingest and tick are synchronised, so events are numbered and published
 * in the order they were decided. Subscribers are called on the writer's thread and must not block
 * (the SSE hub hands events to each client's own queue).
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

  private final WarningPipeline pipeline;
  private final Clock clock;
  private final AlertStatus status;
  private final double clockRate;
  private final ReportJournal journal;
  private final List<PublishedEvent> published = new ArrayList<>();
  private final List<Consumer<PublishedEvent>> subscribers = new CopyOnWriteArrayList<>();
  private final Map<String, ManualAlert> manual = new ConcurrentHashMap<>();

  /** Numbers events when there is no journal: its microseconds are ids that outlive a restart. */
  private final Clock wall = Clock.systemUTC();

  private long lastId;

  /** The journalled id of each event, by event id, while the journal is replayed. */
  private Map<String, Long> journalledIds = Map.of();

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
    this.pipeline = pipeline;
    this.clock = clock;
    this.status = status;
    this.clockRate = clockRate;
    this.journal = journal;
  }

  public double clockRate() {
    return clockRate;
  }

  /** The status of the automatic warnings: the server's. */
  public AlertStatus status() {
    return status;
  }

  /** The status of a threat's warnings: its manual alert's, else the server's. */
  public AlertStatus statusOf(String threatId) {
    ManualAlert alert = manual.get(threatId);
    return alert == null ? status : alert.status();
  }

  /** Who decided a threat's warnings: people, for a manual alert, else the engine. */
  public PublishedEvent.Origin originOf(String threatId) {
    return manual.containsKey(threatId)
        ? PublishedEvent.Origin.MANUAL
        : PublishedEvent.Origin.ENGINE;
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
   */
  public List<PublishedEvent> ingest(List<Observation> batch) {
    return ingestAt(batch, clock.instant());
  }

  /**
   * Takes a batch of reports as if it arrived at {@code at}: a replay's own time for it, so that a
   * replay that falls behind the wall clock (a loaded machine) decides as it would on time.
   */
  public synchronized List<PublishedEvent> ingestAt(List<Observation> batch, Instant at) {
    journal.reports(batch);
    WarningPipeline.Outcome outcome = pipeline.process(batch, at);
    return publish(outcome.events(), journal.decisions(outcome.footprints(), outcome.events()));
  }

  /** Makes time-driven decisions due now (shelter deadlines, all-clears). */
  public List<PublishedEvent> tick() {
    return tickAt(clock.instant());
  }

  /** Makes the time-driven decisions due at {@code at}: a replay's own time for its tick. */
  public synchronized List<PublishedEvent> tickAt(Instant at) {
    List<AlertEvent> events = pipeline.tick(at);
    return publish(events, journal.decisions(List.of(), events));
  }

  /**
   * Replays a journalled batch at the time it was first taken in, after a restart: decides again
   * (the pipeline is deterministic) and publishes the events under their journalled ids, without
   * journalling anything twice.
   */
  public synchronized List<PublishedEvent> replay(List<Observation> batch, Instant at) {
    return publishReplayed(pipeline.process(batch, at).events());
  }

  /**
   * Gives the ids the journal holds for its events, by event id, before it is replayed: a replayed
   * event keeps the id it was published with, so a client resumes where it was.
   */
  synchronized void replayingJournal(Map<String, Long> idsByEvent) {
    journalledIds = Map.copyOf(idsByEvent);
  }

  /**
   * Puts an approved manual alert in force now: journals and publishes its Alert.
   *
   * @throws IllegalArgumentException when an area is not in the set or the threat exists
   */
  public synchronized PublishedEvent issue(ManualAlert alert) {
    AlertEvent event = issueAt(alert, clock.instant());
    return publish(List.of(event), journal.decisions(List.of(), List.of(event))).get(0);
  }

  /**
   * Stands a threat's warnings down now by people's decision (a Cancel, correction or all-clear):
   * journals and publishes the event, which references the threat's previous one.
   *
   * @return the event, or empty when the threat has no warnings in force
   */
  public synchronized Optional<PublishedEvent> standDown(String threatId, MessageType type) {
    Optional<AlertEvent> event = standDownAt(threatId, type, clock.instant());
    if (event.isEmpty()) {
      return Optional.empty();
    }
    List<AlertEvent> events = List.of(event.get());
    return Optional.of(publish(events, journal.decisions(List.of(), events)).get(0));
  }

  /** Replays an approval journalled before a restart, at the time it was made. */
  public synchronized void replayIssue(ManualAlert alert, Instant at) {
    publishReplayed(List.of(issueAt(alert, at)));
  }

  /** Replays a stand-down journalled before a restart, at the time it was made. */
  public synchronized void replayStandDown(String threatId, MessageType type, Instant at) {
    publishReplayed(standDownAt(threatId, type, at).stream().toList());
  }

  private AlertEvent issueAt(ManualAlert alert, Instant at) {
    AlertEvent event =
        pipeline.issue(alert, at, "issued by people: a draft approved by a second person");
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
    return pipeline.standDown(threatId, type, at, reason);
  }

  /** The events published after {@code sequence}, in order. */
  public synchronized List<PublishedEvent> eventsAfter(long sequence) {
    return published.stream().filter(event -> event.sequence() > sequence).toList();
  }

  public synchronized Map<String, List<AreaWarning>> inForce() {
    return pipeline.inForce();
  }

  public synchronized List<TrackedThreat> threats() {
    return pipeline.threats();
  }

  /** Where a threat is in its life; empty for a threat not warned for (yet). */
  public synchronized Optional<ThreatPhase> phase(String threatId) {
    return pipeline.phase(threatId);
  }

  /** Calls {@code subscriber} with every event published from now on. */
  public void subscribe(Consumer<PublishedEvent> subscriber) {
    subscribers.add(subscriber);
  }

  public void unsubscribe(Consumer<PublishedEvent> subscriber) {
    subscribers.remove(subscriber);
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
      PublishedEvent publishedEvent =
          new PublishedEvent(id, event, statusOf(event.threatId()), originOf(event.threatId()));
      published.add(publishedEvent);
      numbered.add(publishedEvent);
      for (Consumer<PublishedEvent> subscriber : subscribers) {
        try {
          subscriber.accept(publishedEvent);
        } catch (RuntimeException e) {
          // The event is decided and journalled: one subscriber's failure must not undo that for
          // the caller, nor keep it from the other subscribers and the rest of the batch.
          System.getLogger(LiveWarnings.class.getName())
              .log(System.Logger.Level.ERROR, "a subscriber failed on event " + id, e);
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
