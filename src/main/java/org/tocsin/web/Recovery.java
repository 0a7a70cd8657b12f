package org.tocsin.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.tocsin.alert.AlertStatus;
import org.tocsin.alert.MessageType;
import org.tocsin.store.Journal;
import org.tocsin.store.JournalCodec;
import org.tocsin.store.JournalRecord;
import org.tocsin.store.RecordKind;
import org.tocsin.track.Observation;

/**
 * Brings the live warnings back after a restart, crash included: every acknowledged report is in
 * the journal, so replaying them in order, each batch at the time it was recorded, rebuilds the
 * tracks, the predictions and the warnings in force exactly as they were. Time-driven decisions
 * that fell due while the server was down are then taken at the first tick. Operators' approvals
 * and stand-downs are replayed in their place among the reports, so a manual alert approved before
 * the crash is in force again, and an alert stood down stays down.
 */
public final class Recovery {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String APPROVED = "draft-approved";
  private static final String STOOD_DOWN = "alert-stood-down";

  private Recovery() {}

  /**
   * Replays the journal into {@code live}; returns the number of reports replayed.
   *
   * @param live warnings with nothing in them yet
   */
  public static long replay(Journal journal, LiveWarnings live) {
    live.replayingJournal(journalledEventIds(journal));
    long reports = 0;
    List<Observation> batch = new ArrayList<>();
    Instant batchTime = null;
    try (Stream<JournalRecord> records = journal.read(1)) {
      Iterator<JournalRecord> iterator = records.iterator();
      while (iterator.hasNext()) {
        JournalRecord record = iterator.next();
        if (record.kind() == RecordKind.OPERATOR_ACTION) {
          Optional<JsonNode> action = alertAction(record);
          if (action.isPresent()) {
            if (!batch.isEmpty()) {
              live.replay(batch, batchTime);
              batch = new ArrayList<>();
            }
            batchTime = null;
            replayAction(live, action.get(), record.recordedAt());
          }
          continue;
        }
        if (record.kind() != RecordKind.REPORT) {
          continue;
        }
        if (batchTime != null && !record.recordedAt().equals(batchTime)) {
          live.replay(batch, batchTime);
          batch = new ArrayList<>();
        }
        batchTime = record.recordedAt();
        batch.add(JournalCodec.decodeReport(record.payloadJson()));
        reports++;
      }
    }
    if (!batch.isEmpty()) {
      live.replay(batch, batchTime);
    }
    live.replayingJournal(Map.of());
    return reports;
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
      throw new IllegalStateException(
          "journal record " + record.sequence() + " is not an alert event: " + e.getMessage(), e);
    }
  }

  /** The payload of an approval or a stand-down; empty for other operator actions. */
  private static Optional<JsonNode> alertAction(JournalRecord record) {
    try {
      JsonNode payload = MAPPER.readTree(record.payloadJson());
      String action = payload.path("action").asText();
      return action.equals(APPROVED) || action.equals(STOOD_DOWN)
          ? Optional.of(payload)
          : Optional.empty();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "journal record " + record.sequence() + " is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static void replayAction(LiveWarnings live, JsonNode action, Instant at) {
    AlertStatus status = AlertStatus.parse("status", action.get("status").asText());
    String threat = action.get("threat").asText();
    if (action.get("action").asText().equals(APPROVED)) {
      live.replayIssue(DraftContent.fromJson(action.get("content")).alert(threat, status), at);
    } else {
      live.replayStandDown(threat, MessageType.valueOf(action.get("type").asText()), at);
    }
  }
}
