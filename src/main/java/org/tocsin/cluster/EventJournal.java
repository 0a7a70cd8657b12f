package org.tocsin.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tocsin.node.PublishedEvent;
import org.tocsin.store.Journal;
import org.tocsin.store.JournalRecord;
import org.tocsin.store.RecordKind;
import org.tocsin.store.StoreException;

/**
 * Writes the events log's alert events into the shared database's journal, with one outbox message
 * per delivery channel in the same commit, on the engine's node only: the journal keeps them for
 * audit, and delivery (on every node, by partition) sends them. An event already journalled (by the
 * last engine's node, before it died) is found by its outbox key and not written twice, so every
 * subscriber gets every message once, whichever node journals it.
 *
 * <p>Its queue is bounded ({@value #CAPACITY}); what does not fit is journalled when the role is
 * next taken, from the events kept in memory.
 */
final class EventJournal extends Loop {

  static final int CAPACITY = 20_000;
  private static final Logger LOG = LoggerFactory.getLogger(EventJournal.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Journal journal;
  private final List<String> channels;
  private final ClusterEvents events;
  private final BlockingQueue<PublishedEvent> queue = new ArrayBlockingQueue<>(CAPACITY);
  private volatile boolean engine;

  /** Set when the role is taken (or the database failed): journal what memory holds first. */
  private volatile boolean needsCatchUp;

  /** The most event ids remembered as journalled; beyond, the outbox keys tell. */
  private static final int MAX_REMEMBERED = 200_000;

  /** Event ids known to be journalled: read once per role taken, then added to. */
  private Set<String> journalled = new HashSet<>();

  EventJournal(Journal journal, List<String> channels, ClusterEvents events) {
    super("event-journal", Duration.ofSeconds(1));
    this.journal = Objects.requireNonNull(journal, "journal");
    this.channels = List.copyOf(channels);
    this.events = Objects.requireNonNull(events, "events");
    events.watch(logged -> offer(logged.event()));
  }

  /** This node took the engine role: what the events log holds is journalled where it is not. */
  void acquired() {
    queue.clear();
    needsCatchUp = true;
    engine = true;
  }

  void lost() {
    engine = false;
  }

  private void offer(PublishedEvent event) {
    if (engine && !queue.offer(event)) {
      // Journalled with the events kept in memory, at the next catch-up (set here).
      needsCatchUp = true;
      LOG.warn("event={} outcome=deferred: the journal's queue is full", event.event().id());
    }
  }

  @Override
  void turn() throws InterruptedException {
    PublishedEvent event = queue.poll(500, TimeUnit.MILLISECONDS);
    if (!engine) {
      return;
    }
    try {
      if (needsCatchUp) {
        needsCatchUp = false;
        catchUp();
      }
      if (event != null) {
        write(event);
      }
    } catch (StoreException e) {
      // The database failed: journal again from what memory holds once it is back.
      needsCatchUp = true;
      throw e;
    }
  }

  private void catchUp() {
    journalled = journalledIds();
    for (PublishedEvent event : events.eventsAfter(0)) {
      write(event);
    }
  }

  private void write(PublishedEvent event) {
    String id = event.event().id();
    if (journalled.contains(id)) {
      return;
    }
    try {
      journal.appendAlertEvent(event.event(), channels);
    } catch (IllegalStateException e) {
      // Journalled already, by the last engine's node: its deliveries are queued.
    }
    if (journalled.size() >= MAX_REMEMBERED) {
      journalled.clear();
    }
    journalled.add(id);
  }

  private Set<String> journalledIds() {
    Set<String> ids = new HashSet<>();
    try (Stream<JournalRecord> records = journal.read(1, RecordKind.ALERT_EVENT)) {
      records.forEach(
          record -> {
            try {
              ids.add(MAPPER.readTree(record.payloadJson()).path("id").asText());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
              // Not an event this node could journal again.
            }
          });
    }
    return ids;
  }
}
