package org.tocsin.node;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tocsin.alert.AlertStatus;
import org.tocsin.alert.MessageType;
import org.tocsin.store.ActionKind;
import org.tocsin.store.DraftContent;
import org.tocsin.store.Journal;
import org.tocsin.store.JournalCodec;
import org.tocsin.store.JournalRecord;
import org.tocsin.store.RecordKind;
import org.tocsin.store.UpstreamAlertJson;
import org.tocsin.track.Observation;

/**
 * Brings the live warnings back after a restart, crash included: every acknowledged report is in
 * the journal, so replaying them in order, each batch at the time it was recorded, rebuilds the
 * tracks, the predictions and the warnings in force exactly as they were. Time-driven decisions
 * that fell due while the server was down are then taken at the first tick. Operators' approvals
 * and stand-downs are replayed in their place among the reports, so a manual alert approved before
 * the crash is in force again, and an alert stood down stays down; upstream authorities' alerts
 * relayed, updated and cancelled likewise. Ticks are replayed at the times the journal shows they
 * decided something, so shelter deadlines and all-clears come again as they came. Each record is
 * replayed as the {@link Command} it was, at the time it was journalled; operators' actions are
 * told apart by their {@link ActionKind}.
 *
 * <p>The server always comes up. A record that cannot be applied (a report the engine fails on, an
 * approval whose alert cannot be issued) is set aside: marked so in the journal (see {@link
 * SetAside}), logged and counted, and the replay starts again without it, since the failure may
 * have left the state half changed. Only the journal itself failing to be read stops a start.
 */
public final class Recovery {

  private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The operator actions that changed the warnings: the replay redoes them in their place. */
  private static final Set<ActionKind> REPLAYED =
      EnumSet.of(
          ActionKind.DRAFT_APPROVED, ActionKind.ALERT_STOOD_DOWN, ActionKind.UPSTREAM_RELAYED);

  private Recovery() {}

  /** A record that could not be applied: the replay sets it aside and starts again. */
  private static final class Unusable extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final long from;
    final long to;
    final String command;

    Unusable(long from, long to, String command, RuntimeException cause) {
      super(cause);
      this.from = from;
      this.to = to;
      this.command = command;
    }
  }

  /**
   * Replays the journal into {@code live}, setting aside what cannot be applied; returns the number
   * of reports replayed.
   */
  public static long replay(Journal journal, LiveWarnings live) {
    SetAside setAside = SetAside.read(journal);
    while (true) {
      live.resetForReplay();
      live.replayingJournal(journalledEventIds(journal));
      try {
        long reports = replayOnce(journal, live, setAside);
        live.replayingJournal(Map.of());
        return reports;
      } catch (Unusable e) {
        RuntimeException cause = (RuntimeException) e.getCause();
        String reason = Faults.describe(cause);
        LOG.error(
            "command=replay records={}-{} outcome=set-aside: {} could not be applied",
            e.from,
            e.to,
            e.command,
            cause);
        live.faults()
            .setAside(
                e.to - e.from + 1,
                "replay",
                cause,
                "records " + e.from + "-" + e.to + " set aside");
        journal.append(
            RecordKind.OPERATOR_ACTION, SetAside.record(e.from, e.to, e.command, reason));
        setAside.add(e.from, e.to);
      }
    }
  }

  private static long replayOnce(Journal journal, LiveWarnings live, SetAside setAside) {
    long reports = 0;
    Batch batch = new Batch();
    Set<String> replayed = new HashSet<>();
    try (Stream<JournalRecord> records = journal.read(1)) {
      Iterator<JournalRecord> iterator = records.iterator();
      while (iterator.hasNext()) {
        JournalRecord record = iterator.next();
        if (setAside.contains(record.sequence())) {
          continue;
        }
        switch (record.kind()) {
          case REPORT -> {
            if (!batch.takes(record)) {
              batch.replay(live, replayed);
              batch = new Batch();
            }
            batch.add(record);
            reports++;
          }
          case OPERATOR_ACTION -> {
            Optional<Replayable> action = replayable(record);
            if (action.isPresent()) {
              batch.replay(live, replayed);
              batch = new Batch();
              apply(
                  record,
                  "action",
                  () -> live.replay(action.get().command(record.recordedAt())),
                  replayed);
            }
          }
          case ALERT_EVENT -> {
            batch.replay(live, replayed);
            batch = new Batch();
            if (!replayed.contains(eventId(record))) {
              // Neither a batch nor an action decided it: a tick did, at about this time.
              apply(
                  record,
                  "tick",
                  () -> live.replay(new Command.Tick(record.recordedAt())),
                  replayed);
            }
          }
          default -> {}
        }
      }
      batch.replay(live, replayed);
    }
    return reports;
  }

  /** Reports journalled together: replayed as the batch they arrived in. */
  private static final class Batch {
    private final List<Observation> reports = new ArrayList<>();
    private Instant recordedAt;
    private long first;
    private long last;

    boolean takes(JournalRecord record) {
      return reports.isEmpty() || record.recordedAt().equals(recordedAt);
    }

    void add(JournalRecord record) {
      if (reports.isEmpty()) {
        recordedAt = record.recordedAt();
        first = record.sequence();
      }
      last = record.sequence();
      try {
        reports.add(JournalCodec.decodeReport(record.payloadJson()));
      } catch (RuntimeException e) {
        throw new Unusable(first, last, "batch", e);
      }
    }

    void replay(LiveWarnings live, Set<String> replayed) {
      if (!reports.isEmpty()) {
        try {
          live.replay(new Command.Batch(reports, recordedAt))
              .forEach(event -> replayed.add(event.event().id()));
        } catch (RuntimeException e) {
          throw new Unusable(first, last, "batch", e);
        }
        reports.clear();
      }
    }
  }

  private static void apply(
      JournalRecord record,
      String command,
      Supplier<List<PublishedEvent>> action,
      Set<String> replayed) {
    try {
      action.get().forEach(event -> replayed.add(event.event().id()));
    } catch (RuntimeException e) {
      throw new Unusable(record.sequence(), record.sequence(), command, e);
    }
  }

  /**
   * The journal's sequence number of every alert event it holds, by event id: the ids the events
   * were published with. A first pass over the journal, since an approval's event is journalled
   * after the action that the replay meets first.
   */
  private static Map<String, Long> journalledEventIds(Journal journal) {
    Map<String, Long> ids = new HashMap<>();
    try (Stream<JournalRecord> records = journal.read(1, RecordKind.ALERT_EVENT)) {
      records.forEach(record -> ids.putIfAbsent(eventId(record), record.sequence()));
    }
    return ids;
  }

  /** An alert event record's event id, read alone: the event's areas are not needed here. */
  private static String eventId(JournalRecord record) {
    try {
      return MAPPER.readTree(record.payloadJson()).path("id").asText();
    } catch (JsonProcessingException e) {
      return ""; // not an event the replay can meet again: no tick is replayed for it
    }
  }

  /**
   * The command an operator action replays, read from its payload: an approval issues its manual
   * alert again, a stand-down stands its alert down again, a relay relays again; empty for the
   * other actions (logins, drafts, records set aside), which change no warning.
   */
  private static Optional<Replayable> replayable(JournalRecord record) {
    try {
      JsonNode payload = MAPPER.readTree(record.payloadJson());
      return ActionKind.fromId(payload.path("action").asText())
          .filter(REPLAYED::contains)
          .map(kind -> new Replayable(kind, payload));
    } catch (JsonProcessingException e) {
      LOG.warn("record={} outcome=skipped: an operator action that is not JSON", record.sequence());
      return Optional.empty();
    }
  }

  /** An operator action that changed the warnings, with its payload. */
  private record Replayable(ActionKind kind, JsonNode payload) {

    /**
     * The command it was, at the time it was journalled.
     *
     * @throws RuntimeException when the payload does not make one: the replay sets it aside
     */
    Command command(Instant at) {
      AlertStatus status = AlertStatus.parse("status", payload.path("status").asText());
      String threat = payload.path("threat").asText();
      String type = payload.path("type").asText();
      return switch (kind) {
        case UPSTREAM_RELAYED ->
            type.equals("Cancel")
                ? new Command.CancelUpstream(threat, at)
                : new Command.Relay(UpstreamAlertJson.fromJson(payload.get("content")), at);
        case DRAFT_APPROVED ->
            new Command.Issue(
                DraftContent.fromJson(payload.get("content")).alert(threat, status), at);
        case ALERT_STOOD_DOWN -> new Command.StandDown(threat, MessageType.valueOf(type), at);
        default -> throw new IllegalStateException("not an action the replay redoes: " + kind);
      };
    }
  }
}
