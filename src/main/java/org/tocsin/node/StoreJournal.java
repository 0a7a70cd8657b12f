package org.tocsin.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.tocsin.alert.AlertEvent;
import org.tocsin.predict.Footprint;
import org.tocsin.store.Journal;
import org.tocsin.store.JournalCodec;
import org.tocsin.store.JournalRecord;
import org.tocsin.store.RecordKind;
import org.tocsin.track.Observation;

/** The server's journal: each batch of reports in one commit, then what it led to in another. */
public final class StoreJournal implements ReportJournal {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Journal journal;
  private final List<String> channels;

  /** A journal that queues no delivery: the server's own SSE stream and CAP feed only. */
  public StoreJournal(Journal journal) {
    this(journal, List.of());
  }

  /**
   * @param channels the delivery channels every alert event is queued for, in the outbox and in the
   *     same commit: an alert and its Cancel alike, so a correction always reaches every channel
   *     the alert did
   */
  public StoreJournal(Journal journal, List<String> channels) {
    this.journal = journal;
    this.channels = List.copyOf(channels);
  }

  @Override
  public long reports(List<Observation> batch) {
    return journal.appendReports(batch);
  }

  @Override
  public void setAside(long from, long to, String command, String reason) {
    journal.append(RecordKind.OPERATOR_ACTION, SetAside.record(from, to, command, reason));
  }

  @Override
  public boolean durable() {
    return true;
  }

  @Override
  public void replayInto(LiveWarnings live) {
    Recovery.replay(journal, live);
  }

  @Override
  public List<JournalledEvent> events(long after, long upTo, int limit) {
    try (Stream<JournalRecord> records = journal.read(after + 1, RecordKind.ALERT_EVENT)) {
      return records
          .takeWhile(record -> record.sequence() <= upTo)
          .limit(limit)
          .map(
              record ->
                  new JournalledEvent(
                      record.sequence(), JournalCodec.decodeAlertEvent(record.payloadJson())))
          .toList();
    }
  }

  @Override
  public List<Long> decisions(List<Footprint> footprints, List<AlertEvent> events) {
    long last =
        journal.appendDecisions(
            footprints.stream().map(StoreJournal::decision).toList(), events, channels);
    // The events are the last records of that commit, numbered without gaps.
    long first = last - events.size() + 1;
    return LongStream.range(first, last + 1).boxed().toList();
  }

  /** A prediction as the journal keeps it: what was predicted, when, and how sure. */
  private static String decision(Footprint footprint) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("threat", footprint.threatId());
    node.put("predictedAt", footprint.predictedAt().toString());
    node.put("kind", footprint.kind().name().toLowerCase(java.util.Locale.ROOT));
    node.put("meanImpactLat", footprint.meanImpact().latitudeDeg());
    node.put("meanImpactLon", footprint.meanImpact().longitudeDeg());
    node.put("sigmaMajorM", footprint.ellipse().semiMajorM());
    node.put("sigmaMinorM", footprint.ellipse().semiMinorM());
    node.put("majorAzimuthDeg", footprint.ellipse().majorAzimuthDeg());
    node.put("earliestArrival", footprint.earliestArrival().toString());
    node.put("meanArrival", footprint.meanArrival().toString());
    node.put("latestArrival", footprint.latestArrival().toString());
    return node.toString();
  }
}
