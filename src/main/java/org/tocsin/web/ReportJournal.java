package org.tocsin.web;

import java.util.List;
import org.tocsin.alert.AlertEvent;
import org.tocsin.predict.Footprint;
import org.tocsin.track.Observation;

/**
 * Where the server writes what it takes in and what it decides, durably, before acknowledging it:
 * the journal in production, nothing in a demo.
 */
public interface ReportJournal {

  /** Stores a batch of reports; has committed when it returns. */
  void reports(List<Observation> batch);

  /**
   * Stores the predictions made and the alert events decided, before they are published.
   *
   * @return the journal's number for each event, in order: increasing and never reused, so that it
   *     serves as the event's id on the event stream across restarts; empty when nothing is kept
   */
  List<Long> decisions(List<Footprint> footprints, List<AlertEvent> events);

  /** Keeps nothing: for demos and tests that need no durability. */
  ReportJournal NONE =
      new ReportJournal() {
        @Override
        public void reports(List<Observation> batch) {}

        @Override
        public List<Long> decisions(List<Footprint> footprints, List<AlertEvent> events) {
          return List.of();
        }
      };
}
