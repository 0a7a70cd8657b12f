package org.tocsin.web;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.tocsin.alert.AlertEvent;
import org.tocsin.alert.AreaWarning;
import org.tocsin.alert.WarningPipeline;
import org.tocsin.cap.CapAlert;
import org.tocsin.track.Observation;
import org.tocsin.track.TrackedThreat;

/**
 * The server's live warnings: the pipeline driven by arriving reports and by a clock, with every
 * alert event numbered, kept and pushed to subscribers.
 *
 * <p>One writer at a time: ingest and tick are synchronised, so events are numbered and published
 * in the order they were decided. Subscribers are called on the writer's thread and must not block
 * (the SSE hub hands events to each client's own queue).
 */
public final class LiveWarnings {

  private final WarningPipeline pipeline;
  private final Clock clock;
  private final CapAlert.Status status;
  private final double clockRate;
  private final ReportJournal journal;
  private final List<PublishedEvent> published = new ArrayList<>();
  private final List<Consumer<PublishedEvent>> subscribers = new CopyOnWriteArrayList<>();

  /**
   * @param clockRate how fast {@code clock} runs against the wall clock: 1 for a real server, the
   *     replay speed for a demo (pages count down at this rate)
   */
  public LiveWarnings(
      WarningPipeline pipeline, Clock clock, CapAlert.Status status, double clockRate) {
    this(pipeline, clock, status, clockRate, ReportJournal.NONE);
  }

  /**
   * @param journal where reports are stored before they are acknowledged, and events as they are
   *     published
   */
  public LiveWarnings(
      WarningPipeline pipeline,
      Clock clock,
      CapAlert.Status status,
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

  public CapAlert.Status status() {
    return status;
  }

  /** The clock's time now: the time the page counts down against. */
  public Instant now() {
    return clock.instant();
  }

  /**
   * Takes a batch of reports arriving now: journals it (durable before this returns, so the caller
   * may acknowledge it then), decides, journals and publishes the events it caused.
   */
  public synchronized List<PublishedEvent> ingest(List<Observation> batch) {
    journal.reports(batch);
    WarningPipeline.Outcome outcome = pipeline.process(batch, clock.instant());
    journal.decisions(outcome.footprints(), outcome.events());
    return publish(outcome.events());
  }

  /** Makes time-driven decisions due now (shelter deadlines, all-clears). */
  public synchronized List<PublishedEvent> tick() {
    List<AlertEvent> events = pipeline.tick(clock.instant());
    journal.decisions(List.of(), events);
    return publish(events);
  }

  /**
   * Replays a journalled batch at the time it was first taken in, after a restart: decides again
   * (the pipeline is deterministic) and numbers the events, without journalling anything twice.
   */
  public synchronized List<PublishedEvent> replay(List<Observation> batch, Instant at) {
    return publish(pipeline.process(batch, at).events());
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

  /** Calls {@code subscriber} with every event published from now on. */
  public void subscribe(Consumer<PublishedEvent> subscriber) {
    subscribers.add(subscriber);
  }

  public void unsubscribe(Consumer<PublishedEvent> subscriber) {
    subscribers.remove(subscriber);
  }

  private List<PublishedEvent> publish(List<AlertEvent> events) {
    List<PublishedEvent> numbered = new ArrayList<>();
    for (AlertEvent event : events) {
      PublishedEvent publishedEvent = new PublishedEvent(published.size() + 1L, event);
      published.add(publishedEvent);
      numbered.add(publishedEvent);
      for (Consumer<PublishedEvent> subscriber : subscribers) {
        subscriber.accept(publishedEvent);
      }
    }
    return numbered;
  }
}
