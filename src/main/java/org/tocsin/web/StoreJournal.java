package org.tocsin.web;

import java.util.List;
import org.tocsin.alert.AlertEvent;
import org.tocsin.predict.Footprint;
import org.tocsin.store.Journal;
import org.tocsin.track.Observation;

/** The server's journal: each batch of reports in one commit, then what it led to in another. */
public final class StoreJournal implements ReportJournal {

  private final Journal journal;

  public StoreJournal(Journal journal) {
    this.journal = journal;
  }

  @Override
  public void reports(List<Observation> batch) {
    journal.appendReports(batch);
  }

  @Override
  public void decisions(List<Footprint> footprints, List<AlertEvent> events) {
    journal.appendDecisions(footprints.stream().map(DecisionJson::of).toList(), events, List.of());
  }
}
