package org.tocsin.node;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tocsin.alert.AlertStatus;
import org.tocsin.alert.AreaWarning;
import org.tocsin.alert.ManualAlert;
import org.tocsin.alert.ThreatPhase;
import org.tocsin.alert.UpstreamAlert;
import org.tocsin.alert.WarningPipeline;
import org.tocsin.track.Observation;
import org.tocsin.track.TrackedThreat;
import org.tocsin.track.Tracker;

/**
 * The node's live warnings: the one writer that owns the engine and executes {@link Command}s (a
 * batch, a tick, an operator's action, each with its time), the {@link EventFeed} of what they
 * decided, and the {@link Snapshot} that readers see.
 *
 * <p>One writer at a time: {@link #execute} is synchronised, so events are numbered and published
 * in the order they were decided. A caller that must make a change of its own in the same order (an
 * approval stored with the alert it puts in force) holds this object's lock around both. Readers
 * never wait for the writer: they read the snapshot taken after each command.
 *
 * <p>The writer never dies quietly and never runs ahead of its journal. A command that fails is
 * logged, counted in {@link #faults()}, and answered by an explicit policy: a batch the engine
 * could not use is set aside in the journal (refused, and never applied again), and whenever the
 * state may differ from what the journal holds (an engine fault, a journal write that failed after
 * the state changed) the state is rebuilt from the journal before the next command. Until that
 * rebuild succeeds every command is refused with {@link WriterUnavailableException}, and each tick
 * tries again, so deadlines and all-clears come as soon as the journal is back.
 *
 * <p>Statuses and origins are kept per threat ({@link ThreatOrigins}); event ids are the journal's
 * numbers, or without a journal the wall clock's microseconds ({@link EventFeed}).
 */
public final class LiveWarnings implements EventSource {

  private static final Logger LOG = LoggerFactory.getLogger(LiveWarnings.class);

  /**
   * The most events kept in memory for clients that resume ({@code Last-Event-ID}); older ones are
   * in the journal. Hours of a large attack.
   */
  public static final int MAX_EVENTS = 10_000;

  private final Clock clock;
  private final double clockRate;
  private final ReportJournal journal;
  private final ThreatOrigins origins;
  private final Engine engine;
  private final EventFeed feed;
  private final Faults faults;

  /** What readers see: the state after the last command. */
  private volatile Snapshot snapshot = Snapshot.EMPTY;

  /** The state may differ from the journal's: rebuild it before the next command. */
  private boolean rebuildDue;

  /**
   * On a cluster's node, the log every command goes through before any engine takes it; null on a
   * single node, whose commands are decided here at once.
   */
  private final SharedLog sharedLog;

  /**
   * The position of the last command taken from the shared log (-1 before the first). Read without
   * the lock: {@code /health} must answer while an operator's append holds it.
   */
  private volatile long appliedUpTo = -1;

  /** The position of the last checkpoint taken from the shared log (-1 before one). */
  private volatile long lastCheckpoint = -1;

  /** The positions of commands this node appended and waits for, with what they decided. */
  private final Map<Long, Outcome> awaited = new HashMap<>();

  /** What a command from the shared log decided, for the caller on this node that appended it. */
  private record Outcome(List<PublishedEvent> events, RuntimeException failure) {}

  /**
   * How long an operator's command waits for this node's engine to take it from the shared log: the
   * log has it then, and every engine takes it, but the caller is not told what it decided.
   */
  static final Duration SHARED_APPLY_TIMEOUT = Duration.ofSeconds(20);

  /**
   * @param clockRate how fast {@code clock} runs against the wall clock: 1 for a real server, the
   *     replay speed for a demo (pages count down at this rate)
   */
  public LiveWarnings(WarningPipeline pipeline, Clock clock, AlertStatus status, double clockRate) {
    this(pipeline, clock, status, clockRate, ReportJournal.NONE);
  }

  /**
   * @param journal where reports are stored before they are acknowledged, and events as they are
   *     published
   */
  public LiveWarnings(
      WarningPipeline pipeline,
      Clock clock,
      AlertStatus status,
      double clockRate,
      ReportJournal journal) {
    this(pipeline, clock, status, clockRate, journal, MAX_EVENTS);
  }

  /**
   * @param maxEvents how many events to keep in memory for clients that resume; older ones are read
   *     from the journal (fewer than {@link #MAX_EVENTS} in tests)
   */
  public LiveWarnings(
      WarningPipeline pipeline,
      Clock clock,
      AlertStatus status,
      double clockRate,
      ReportJournal journal,
      int maxEvents) {
    this(pipeline, clock, status, clockRate, journal, maxEvents, null);
  }

  private LiveWarnings(
      WarningPipeline pipeline,
      Clock clock,
      AlertStatus status,
      double clockRate,
      ReportJournal journal,
      int maxEvents,
      SharedLog sharedLog) {
    this.sharedLog = sharedLog;
    Clock wall = Clock.systemUTC();
    this.clock = clock;
    this.clockRate = clockRate;
    this.journal = journal;
    this.origins = new ThreatOrigins(status);
    this.engine = new Engine(pipeline, origins);
    this.feed = new EventFeed(journal, origins, wall, maxEvents);
    this.faults = new Faults(wall);
  }

  /**
   * A cluster node's live warnings: every command goes through {@code log}, and is decided only
   * when this node's engine takes it from there ({@link #applyShared}), at the log's time for it;
   * so every node's engine decides the same events. Nothing is journalled here: the log is the
   * journal, and its replay from the start rebuilds the state.
   */
  public static LiveWarnings shared(
      WarningPipeline pipeline, Clock clock, AlertStatus status, SharedLog log) {
    Objects.requireNonNull(log, "log");
    return new LiveWarnings(pipeline, clock, status, 1.0, ReportJournal.NONE, MAX_EVENTS, log);
  }

  public double clockRate() {
    return clockRate;
  }

  /** The status of the automatic warnings: the server's. */
  public AlertStatus status() {
    return origins.serverStatus();
  }

  /** What failed, and what was set aside, since the start. */
  public Faults faults() {
    return faults;
  }

  /** The clock's time now: the time the page counts down against, and operators' commands take. */
  public Instant now() {
    return clock.instant();
  }

  /**
   * Executes a command: journals what it takes in (a batch, durable before this returns, so that
   * the caller may acknowledge it then), decides at the command's time, journals and publishes the
   * events it caused. On a cluster's node ({@link #shared}) the command goes through the shared log
   * first: a batch returns once the log holds it (with no events: the engines decide it when they
   * take it), any other command once this node's engine took it.
   *
   * @return the events published, in order; empty when it decided nothing (a report seen lately, a
   *     stand-down of a threat with nothing in force)
   * @throws UnusableReportsException when the engine could not use a batch: it is set aside and
   *     changed nothing
   * @throws WriterUnavailableException when the state could not be rebuilt from the journal
   * @throws IllegalArgumentException when an operator's action cannot be applied (see {@link
   *     Command})
   */
  public List<PublishedEvent> execute(Command command) {
    if (sharedLog != null && command instanceof Command.Batch) {
      // Not under the lock: sensors' batches are appended side by side (the log orders them), and
      // the engine's thread is never held up by a slow append.
      sharedLog.append(command);
      return List.of();
    }
    if (sharedLog != null) {
      return throughSharedLog(command);
    }
    synchronized (this) {
      return decide(command);
    }
  }

  /**
   * On a cluster's node: appends the command to the shared log, durably. A batch returns then (the
   * sensor may be acknowledged; the engines decide it when they take it); an operator's command
   * waits for this node's engine to take it, and returns what it decided or throws what it refused.
   * The wait releases this object's lock, so the engine's thread can take the command.
   */
  private synchronized List<PublishedEvent> throughSharedLog(Command command) {
    long position = sharedLog.append(command);
    if (command instanceof Command.Batch) {
      return List.of();
    }
    awaited.put(position, null);
    long deadline = System.nanoTime() + SHARED_APPLY_TIMEOUT.toNanos();
    Outcome outcome = null;
    try {
      while (appliedUpTo < position) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new WriterUnavailableException(
              command.name()
                  + ": in the shared log at position "
                  + position
                  + ", but this node's engine has not taken it within "
                  + SHARED_APPLY_TIMEOUT.toSeconds()
                  + " s; every engine will take it");
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WriterUnavailableException(command.name() + ": interrupted while waiting", e);
    } finally {
      // Under the lock again (timedWait takes it back): the entry never outlives the wait.
      outcome = awaited.remove(position);
    }
    if (outcome == null) {
      return List.of(); // not reached: the loop ends only once the engine has taken it
    }
    if (outcome.failure() != null) {
      throw outcome.failure();
    }
    return outcome.events();
  }

  /**
   * Takes a command read from the shared log at {@code position}, decided at the log's time for it:
   * the engine's thread of a cluster's node, in the log's order. Never throws: what a command
   * refused is logged and counted as on a single node, and given to the caller that appended it on
   * this node.
   *
   * @return whether the engine took it (false: refused, and nothing changed)
   */
  public synchronized boolean applyShared(long position, Command command) {
    Outcome outcome;
    try {
      outcome = new Outcome(decide(command), null);
      if (command instanceof Command.Checkpoint) {
        lastCheckpoint = position;
      }
    } catch (RuntimeException e) {
      LOG.warn(
          "command={} position={} outcome=refused: {}",
          command.name(),
          position,
          Faults.describe(e));
      outcome = new Outcome(List.of(), e);
    }
    appliedUpTo = position;
    if (awaited.containsKey(position)) {
      awaited.put(position, outcome);
    }
    notifyAll();
    return outcome.failure() == null;
  }

  /** The position of the last checkpoint the engine took from the shared log; -1 before one. */
  public long lastCheckpoint() {
    return lastCheckpoint;
  }

  /**
   * The tracker's numbers when the engine follows nothing at all, under the writer's lock with
   * {@code alongside} (what else must be read at the same point of the log); empty otherwise.
   */
  public synchronized <T> Optional<T> whenQuiet(Function<Tracker.Counters, T> alongside) {
    return engine.quietCounters().map(alongside);
  }

  /** The position of the last command taken from the shared log; -1 before the first or alone. */
  public long appliedUpTo() {
    return appliedUpTo;
  }

  @Override
  public Object lock() {
    return this;
  }

  /** Decides a command here, under the lock: a single node's, or one the shared log gave. */
  private List<PublishedEvent> decide(Command command) {
    catchUp();
    if (command instanceof Command.Batch batch) {
      return takeBatch(batch);
    }
    Engine.Decision decision;
    if (command instanceof Command.Tick) {
      try {
        decision = engine.decide(command);
      } catch (RuntimeException e) {
        engineFailed(command.name(), e);
        throw e;
      }
    } else {
      decision = engine.decide(command);
      if (decision.events().isEmpty()) {
        return List.of(); // nothing in force to stand down: nothing changed, nothing to journal
      }
    }
    return decided(command.name(), decision);
  }

  /** Takes a batch of reports arriving now (see {@link #execute}). */
  public List<PublishedEvent> ingest(List<Observation> batch) {
    return execute(new Command.Batch(batch, clock.instant()));
  }

  /** Makes the time-driven decisions due now (shelter deadlines, all-clears). */
  public List<PublishedEvent> tick() {
    return execute(new Command.Tick(clock.instant()));
  }

  /**
   * Makes the time-driven decisions due now, for a scheduler: never throws. A failure is logged and
   * counted, and the next tick rebuilds the state from the journal and decides again, so a deadline
   * missed by a failed tick comes one tick later.
   */
  public void tickQuietly() {
    try {
      tick();
    } catch (Throwable e) { // NOPMD: a scheduler stops for good on the first exception it sees
      LOG.error("command=tick outcome=failed: retried at the next tick", e);
    }
  }

  /** A batch: reports taken in lately (a sensor's retry) are dropped, the rest journalled first. */
  private List<PublishedEvent> takeBatch(Command.Batch batch) {
    List<Observation> fresh = engine.unseen(batch.reports());
    if (fresh.isEmpty()) {
      return List.of();
    }
    long last = journal.reports(fresh);
    Engine.Decision decision;
    try {
      decision = engine.decide(new Command.Batch(fresh, batch.at()));
    } catch (RuntimeException e) {
      String reason = Faults.describe(e);
      LOG.error(
          "command=batch reports={} at={} outcome=set-aside: the engine failed on the batch",
          fresh.size(),
          batch.at(),
          e);
      String action = "the batch's " + fresh.size() + " reports set aside; the state rebuilt";
      faults.setAside(fresh.size(), "batch", e, action);
      if (journal.durable()) {
        journal.setAside(last - fresh.size() + 1, last, "batch", reason);
      }
      rebuild();
      throw new UnusableReportsException(
          "reports: the warning engine could not use this batch ("
              + reason
              + "); it was set aside and changed nothing",
          e);
    }
    return decided("batch", decision);
  }

  /**
   * Replays a journalled command at its time, after a restart or in a rebuild: decides again (the
   * engine is deterministic) and publishes the events under their journalled ids, without
   * journalling anything twice.
   */
  synchronized List<PublishedEvent> replay(Command command) {
    return feed.publishReplayed(engine.decide(command).events());
  }

  /**
   * Forgets every threat, before the journal is replayed into this: the first replay after a start,
   * or a rebuild. Events already published are not sent to subscribers again.
   */
  synchronized void resetForReplay() {
    engine.reset();
    feed.replaying();
  }

  /**
   * Gives the ids the journal holds for its events, by event id, before it is replayed: a replayed
   * event keeps the id it was published with, so a client resumes where it was.
   */
  synchronized void replayingJournal(Map<String, Long> idsByEvent) {
    feed.journalled(idsByEvent);
    if (idsByEvent.isEmpty()) {
      snapshot = engine.snapshot();
    }
  }

  /** The state after the last command: what readers see. */
  public Snapshot snapshot() {
    return snapshot;
  }

  /** Warnings in force, by threat, after the last command. */
  public Map<String, List<AreaWarning>> inForce() {
    return snapshot.inForce();
  }

  /** The threats tracked, after the last command. */
  public List<TrackedThreat> threats() {
    return snapshot.threats();
  }

  /** Where a threat is in its life; empty for a threat not warned for (yet). */
  public Optional<ThreatPhase> phase(String threatId) {
    return snapshot.phase(threatId);
  }

  /**
   * The status of a threat's warnings: its manual alert's, its upstream authority's, else the
   * server's.
   */
  public AlertStatus statusOf(String threatId) {
    return origins.statusOf(threatId);
  }

  /**
   * Who decided a threat's warnings: people, for a manual alert; an upstream authority, for one
   * relayed; else the engine.
   */
  public PublishedEvent.Origin originOf(String threatId) {
    return origins.originOf(threatId);
  }

  /** The upstream authority's alert behind a threat, if it relays one (its latest Update). */
  public Optional<UpstreamAlert> upstreamAlert(String threatId) {
    return origins.upstream().get(threatId);
  }

  /** The threat an upstream message, by its sender and identifier, was relayed as, if any. */
  public Optional<String> upstreamThreatOf(String sender, String identifier) {
    return origins.upstream().threatOf(sender, identifier);
  }

  /** The manual alert behind a threat, if people issued it. */
  public Optional<ManualAlert> manualAlert(String threatId) {
    return origins.manual(threatId);
  }

  /**
   * The events published after {@code sequence}, in order: from memory, and from the journal for
   * those no longer kept there (at most {@link #MAX_EVENTS} of them).
   */
  @Override
  public List<PublishedEvent> eventsAfter(long sequence) {
    return feed.after(sequence);
  }

  /**
   * Gives {@code subscriber} the events published after {@code afterSequence} (0 for all those
   * kept), then every event published from now on: none lost and none twice between the two.
   * Subscribers are called on the writer's thread and must not block.
   */
  @Override
  public synchronized void subscribe(long afterSequence, Consumer<PublishedEvent> subscriber) {
    feed.join(afterSequence, subscriber);
  }

  /** Calls {@code subscriber} with every event published from now on. */
  @Override
  public void subscribe(Consumer<PublishedEvent> subscriber) {
    feed.subscribe(subscriber);
  }

  @Override
  public void unsubscribe(Consumer<PublishedEvent> subscriber) {
    feed.unsubscribe(subscriber);
  }

  /**
   * Journals what a command decided and publishes it. A journal that fails here leaves the state
   * ahead of it: the state is rebuilt from the journal (now, or before the next command), and the
   * events, never published, are decided again then.
   */
  private List<PublishedEvent> decided(String command, Engine.Decision decision) {
    List<Long> ids;
    try {
      ids = journal.decisions(decision.footprints(), decision.events());
    } catch (RuntimeException e) {
      engineFailed(command, e);
      throw e;
    }
    List<PublishedEvent> numbered = feed.publish(decision.events(), ids);
    snapshot = engine.snapshot();
    return numbered;
  }

  /** After a command failed with the state changed: logs, counts, rebuilds when it can. */
  private void engineFailed(String command, RuntimeException e) {
    LOG.error("command={} outcome=failed: the state is rebuilt from the journal", command, e);
    faults.commandFailed(command, e, "the state rebuilt from the journal");
    try {
      rebuild();
    } catch (RuntimeException rebuildFailed) {
      e.addSuppressed(rebuildFailed);
    }
  }

  /** Rebuilds the state before a command, when an earlier one left it unsure. */
  private void catchUp() {
    if (rebuildDue) {
      try {
        rebuild();
      } catch (RuntimeException e) {
        throw new WriterUnavailableException(
            "the warnings are being rebuilt from the journal, which cannot be read now ("
                + Faults.describe(e)
                + "); try again",
            e);
      }
    }
  }

  /**
   * Rebuilds the state from the journal. Without a journal (a demo) there is nothing to rebuild
   * from: the state carries on as it is, the failed batch dropped.
   */
  private void rebuild() {
    if (!journal.durable()) {
      return;
    }
    rebuildDue = true;
    try {
      journal.replayInto(this);
      rebuildDue = false;
      LOG.info("outcome=rebuilt: the state is the journal's again");
    } catch (RuntimeException e) {
      LOG.error("command=rebuild outcome=failed: tried again before the next command", e);
      faults.commandFailed("rebuild", e, "tried again before the next command");
      throw e;
    } finally {
      feed.replayed();
      snapshot = engine.snapshot();
    }
  }
}
