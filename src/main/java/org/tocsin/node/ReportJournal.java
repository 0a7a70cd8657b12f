package org.tocsin.node;

import java.util.List;
import org.tocsin.alert.AlertEvent;
import org.tocsin.predict.Footprint;
import org.tocsin.track.Observation;

/**
 * Where the server writes what it takes in and what it decides, durably, before acknowledging it:
 * the journal in production, nothing in a demo.
 */
public interface ReportJournal {

  /**
   * Stores a batch of reports; has committed when it returns.
   *
   * @return the journal's number of the batch's last report (they are numbered without gaps), or 0
   *     when nothing is kept
   */
  long reports(List<Observation> batch);

  /**
   * Stores the predictions made and the alert events decided, before they are published.
   *
   * @return the journal's number for each event, in order: increasing and never reused, so that it
   *     serves as the event's id on the event stream across restarts; empty when nothing is kept
   */
  List<Long> decisions(List<Footprint> footprints, List<AlertEvent> events);

  /**
   * Marks the records {@code from} to {@code to} (journal numbers, inclusive) as set aside: stored,
   * but never applied, by this run's rebuilds and by every later replay.
   */
  void setAside(long from, long to, String command, String reason);

  /**
   * Whether the journal keeps what it is given, so that the warnings can be rebuilt from it: true
   * for the server's journal, false for a demo's nothing.
   */
  boolean durable();

  /** Replays what the journal holds into {@code live}, which it resets first. */
  void replayInto(LiveWarnings live);

  /** An alert event as the journal holds it, with its number there (its id on the stream). */
  record JournalledEvent(long sequence, AlertEvent event) {}

  /**
   * The alert events journalled after {@code after} and up to {@code upTo}, in order, at most
   * {@code limit}: the history of a client that resumes after events no longer kept in memory.
   */
  List<JournalledEvent> events(long after, long upTo, int limit);

  /** Keeps nothing: for demos and tests that need no durability. */
  ReportJournal NONE =
      new ReportJournal() {
        @Override
        public long reports(List<Observation> batch) {
          return 0;
        }

        @Override
        public List<Long> decisions(List<Footprint> footprints, List<AlertEvent> events) {
          return List.of();
        }

        @Override
        public void setAside(long from, long to, String command, String reason) {}

        @Override
        public boolean durable() {
          return false;
        }

        @Override
        public void replayInto(LiveWarnings live) {}

        @Override
        public List<JournalledEvent> events(long after, long upTo, int limit) {
          return List.of();
        }
      };
}
