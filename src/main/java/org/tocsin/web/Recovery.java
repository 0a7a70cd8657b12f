package org.tocsin.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.tocsin.store.Journal;
import org.tocsin.store.JournalCodec;
import org.tocsin.store.JournalRecord;
import org.tocsin.store.RecordKind;
import org.tocsin.track.Observation;

/**
 * Brings the live warnings back after a restart, crash included: every acknowledged report is in
 * the journal, so replaying them in order, each batch at the time it was recorded, rebuilds the
 * tracks, the predictions and the warnings in force exactly as they were. Time-driven decisions
 * that fell due while the server was down are then taken at the first tick.
 */
public final class Recovery {

  private Recovery() {}

  /**
   * Replays the journal into {@code live}; returns the number of reports replayed.
   *
   * @param live warnings with nothing in them yet
   */
  public static long replay(Journal journal, LiveWarnings live) {
    long reports = 0;
    List<Observation> batch = new ArrayList<>();
    Instant batchTime = null;
    try (Stream<JournalRecord> records = journal.read(1)) {
      Iterator<JournalRecord> iterator = records.iterator();
      while (iterator.hasNext()) {
        JournalRecord record = iterator.next();
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
    return reports;
  }
}
