package org.tocsin.node;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tocsin.alert.AlertEvent;

/**
 * The events the writer published, numbered, kept for clients that resume, and pushed to
 * subscribers.
 *
 * <p>Written under the writer's lock only: events are numbered and published in the order they were
 * decided, and a subscriber that joins under the same lock ({@link #join}) gets what it missed and
 * then every live event, none twice and none lost between the two. Subscribers are called on the
 * writer's thread and must not block (the SSE hub hands events to each client's own queue); one
 * that throws is logged and skipped, never failing the command. Readers of {@link #after} never
 * wait.
 *
 * <p>Event ids (what the event stream sends as {@code id:} and a client resumes after) increase and
 * are never reused, across restarts too: with a journal they are the journal's sequence numbers of
 * the events' records, which a restart finds again when it replays the journal; without one (a
 * demo) they are the wall clock's microseconds at publication, strictly increasing, so a client
 * that resumes after the server restarted still gets every event of the new run. (Numbers that
 * began again at 1 made such a client skip the first events after a restart, the Alert among them.)
 */
final class EventFeed {

  private static final Logger LOG = LoggerFactory.getLogger(EventFeed.class);

  private final ConcurrentSkipListMap<Long, PublishedEvent> published =
      new ConcurrentSkipListMap<>();
  private final List<Consumer<PublishedEvent>> subscribers = new CopyOnWriteArrayList<>();
  private final ReportJournal journal;
  private final ThreatOrigins origins;

  /** Numbers events when there is no journal: its microseconds are ids that outlive a restart. */
  private final Clock wall;

  /** How many events are kept in memory: {@link LiveWarnings#MAX_EVENTS}, fewer in tests. */
  private final int maxEvents;

  /** The highest id forgotten from memory, 0 while none was: older ones come from the journal. */
  private volatile long forgottenUpTo;

  private long lastId;

  /** The journalled id of each event, by event id, while the journal is replayed. */
  private Map<String, Long> journalledIds = Map.of();

  /**
   * While a rebuild replays: events up to this id were published already and are not sent again.
   */
  private long republishedUpTo;

  /**
   * @param origins the status and origin of each threat, for events read back from the journal
   */
  EventFeed(ReportJournal journal, ThreatOrigins origins, Clock wall, int maxEvents) {
    this.journal = journal;
    this.origins = origins;
    this.wall = wall;
    this.maxEvents = maxEvents;
  }

  /**
   * The id of the next event: the journal's number for it, or, when nothing is journalled, the wall
   * clock's microseconds, kept strictly increasing.
   */
  private long number(OptionalLong journalled) {
    long id = journalled.isPresent() ? journalled.getAsLong() : Math.max(lastId + 1, wallMicros());
    lastId = Math.max(lastId, id);
    return id;
  }

  /**
   * Publishes decided events.
   *
   * @param ids the journal's id for each event, or empty to number them here
   */
  List<PublishedEvent> publish(List<AlertEvent> events, List<Long> ids) {
    List<PublishedEvent> numbered = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      long id = number(ids.isEmpty() ? OptionalLong.empty() : OptionalLong.of(ids.get(i)));
      PublishedEvent event = origins.published(id, events.get(i));
      numbered.add(event);
      publish(event);
    }
    return numbered;
  }

  /**
   * Publishes replayed events under the ids they were journalled with. One the journal lacks (the
   * server stopped after storing the reports and before storing what they led to) was never
   * published: it is journalled now, so it gets a new id and its deliveries are queued.
   */
  List<PublishedEvent> publishReplayed(List<AlertEvent> events) {
    List<PublishedEvent> numbered = new ArrayList<>();
    for (AlertEvent event : events) {
      Long id = journalledIds.get(event.id());
      List<Long> ids = id != null ? List.of(id) : journal.decisions(List.of(), List.of(event));
      numbered.addAll(publish(List.of(event), ids));
    }
    return numbered;
  }

  /**
   * Keeps an event and gives it to every subscriber; one published before the rebuild that met it
   * again is not sent twice.
   */
  private void publish(PublishedEvent event) {
    if (event.sequence() <= republishedUpTo) {
      return; // published before the rebuild that met it again: its subscribers have it
    }
    published.put(event.sequence(), event);
    while (published.size() > maxEvents) {
      forgottenUpTo = Math.max(forgottenUpTo, published.pollFirstEntry().getKey());
    }
    for (Consumer<PublishedEvent> subscriber : subscribers) {
      deliver(subscriber, event);
    }
  }

  /** A rebuild starts: what was published so far is not sent again when the replay meets it. */
  void replaying() {
    republishedUpTo = lastId;
  }

  /**
   * Gives the ids the journal holds for its events, by event id, before it is replayed: a replayed
   * event keeps the id it was published with, so a client resumes where it was.
   */
  void journalled(Map<String, Long> idsByEvent) {
    journalledIds = Map.copyOf(idsByEvent);
  }

  /** The rebuild is over: every event from now on is new. */
  void replayed() {
    republishedUpTo = 0;
    journalledIds = Map.of();
  }

  /**
   * Gives {@code subscriber} the events published after {@code afterSequence}, then every event
   * published from now on. Call under the writer's lock, so that none falls between the two.
   */
  void join(long afterSequence, Consumer<PublishedEvent> subscriber) {
    after(afterSequence).forEach(event -> deliver(subscriber, event));
    subscribers.add(subscriber);
  }

  /** Calls {@code subscriber} with every event published from now on. */
  void subscribe(Consumer<PublishedEvent> subscriber) {
    subscribers.add(subscriber);
  }

  void unsubscribe(Consumer<PublishedEvent> subscriber) {
    subscribers.remove(subscriber);
  }

  /**
   * The events published after {@code sequence}, in order: from memory, and from the journal for
   * those no longer kept there (at most {@link LiveWarnings#MAX_EVENTS} of them: a client that was
   * away longer gets the latest of its history and the alerts in force).
   */
  List<PublishedEvent> after(long sequence) {
    long forgotten = forgottenUpTo;
    List<PublishedEvent> kept = List.copyOf(published.tailMap(sequence, false).values());
    if (sequence >= forgotten || !journal.durable()) {
      return kept;
    }
    List<PublishedEvent> events = new ArrayList<>();
    for (ReportJournal.JournalledEvent old :
        journal.events(sequence, forgotten, LiveWarnings.MAX_EVENTS)) {
      events.add(origins.published(old.sequence(), old.event()));
    }
    long lastOld = events.isEmpty() ? sequence : events.get(events.size() - 1).sequence();
    kept.stream().filter(event -> event.sequence() > lastOld).forEach(events::add);
    return events;
  }

  private static void deliver(Consumer<PublishedEvent> subscriber, PublishedEvent event) {
    try {
      subscriber.accept(event);
    } catch (RuntimeException e) {
      // One subscriber (a client gone, a CAP that could not be built) never stops the others.
      LOG.warn(
          "event={} threat={} outcome=subscriber-failed",
          event.event().id(),
          event.event().threatId(),
          e);
    }
  }

  private long wallMicros() {
    Instant now = wall.instant();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }
}
