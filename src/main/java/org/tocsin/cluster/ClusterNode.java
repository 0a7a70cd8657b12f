package org.tocsin.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tocsin.bus.DeliveryLease;
import org.tocsin.bus.EngineLease;
import org.tocsin.bus.KafkaBus;
import org.tocsin.bus.KafkaSettings;
import org.tocsin.bus.LeaseListener;
import org.tocsin.bus.RecordLog;
import org.tocsin.node.Command;
import org.tocsin.node.EventSource;
import org.tocsin.node.LiveWarnings;
import org.tocsin.node.NodeRoles;
import org.tocsin.node.SharedLog;
import org.tocsin.node.Snapshot;
import org.tocsin.store.Journal;

/**
 * A node of a cluster on Kafka, with PostgreSQL shared:
 *
 * <ul>
 *   <li>every command that changes the warnings (a batch of reports, a tick, an operator's action)
 *       is appended to the shared log, the reports topic with its one partition ({@link
 *       #sharedLog()}); a sensor is acknowledged once Kafka holds its batch durably;
 *   <li>every node's engine takes every command from the log in its order, at the log's time for it
 *       ({@link EngineReplica}), so every node holds the same warnings in force, and a standby has
 *       nothing to rebuild when it takes the engine role over;
 *   <li>the node holding the engine lease (the engine group's owner of the reports partition)
 *       appends the ticks, publishes the engine's events to the events topic ({@link
 *       EventPublisher}, fenced) and journals them in the database with their deliveries ({@link
 *       EventJournal});
 *   <li>every node delivers the webhooks and pushes of its share of the delivery partitions (the
 *       delivery group's, {@link #deliveryPartitions()}), which move to the living when a node
 *       dies;
 *   <li>every node serves the events topic on its event stream ({@link #events()}), numbered by the
 *       topic's offsets, so a client resumes on any node.
 * </ul>
 *
 * <p>Why every node runs the engine rather than the lease holder alone (the design first planned a
 * replay of the reports topic at takeover): the engine's work per node is small beside serving
 * (Dnipro's 744 s take seconds of CPU), every node then answers the API from its own warnings, and
 * a takeover is a lease's expiry plus the fencing, with no replay in the way of the next warning.
 */
public final class ClusterNode implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);

  private final KafkaBus bus;
  private final RecordLog<LoggedCommand> commands;
  private final RecordLog<LoggedEvent> eventLog;
  private final SharedLog sharedLog;
  private final ClusterEvents events;
  private final EventPublisher publisher;
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "cluster-ticker");
            thread.setDaemon(true);
            return thread;
          });

  /** How often the engine's node looks for a point to checkpoint at. */
  static final Duration CHECKPOINT_EVERY = Duration.ofSeconds(30);

  private final ScheduledExecutorService checkpointer =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "cluster-checkpoints");
            thread.setDaemon(true);
            return thread;
          });
  private volatile EngineReplica replica;

  /** Services started once the engine caught up ({@link #whenCaughtUp}), closed with the node. */
  private final List<AutoCloseable> services = new ArrayList<>();

  private boolean closed;
  private long startedAt;
  private LiveWarnings live;
  private EventJournal journal;
  private EngineLease lease;
  private final DeliveryLease deliveryLease;

  private ClusterNode(KafkaBus bus) {
    this.bus = bus;
    this.commands = bus.commands(new CommandCodec());
    this.sharedLog = new LogSharedLog(commands);
    this.eventLog = bus.events(new EventCodec());
    String log = threatIdPrefix(bus).substring(0, 8);
    this.events = new ClusterEvents(eventLog.reader(historyStart(eventLog)), log);
    this.publisher = new EventPublisher(events, () -> bus.fencedEvents(new EventCodec()), log);
    this.deliveryLease = bus.deliveryLease();
  }

  /**
   * The delivery partitions this node delivers now: the delivery group's share of them, which moves
   * to the living when a node dies.
   */
  public Supplier<Set<Integer>> deliveryPartitions() {
    return deliveryLease::owned;
  }

  /**
   * Where this node starts reading the events log: far enough back for the history that clients
   * resume from ({@link LiveWarnings#MAX_EVENTS} events; each transaction's commit marker takes an
   * offset too), not from a year of events ago.
   */
  private static long historyStart(RecordLog<LoggedEvent> eventLog) {
    try (var probe = eventLog.reader(0)) {
      return Math.max(0, probe.end() - 2L * LiveWarnings.MAX_EVENTS);
    }
  }

  /**
   * Joins the cluster at {@code settings}: makes its topics if they are missing.
   *
   * @param nodeName this node's name in the brokers' logs
   */
  public static ClusterNode connect(KafkaSettings settings, String nodeName) {
    return new ClusterNode(KafkaBus.connect(settings, nodeName));
  }

  public KafkaBus bus() {
    return bus;
  }

  /**
   * What every threat id the cluster's engine opens begins with: 8 hex digits of the shared log's
   * topic id and a hyphen ({@code 3f9a1c2e-L1}). Every node's engine opens the same ids, and a log
   * made anew on the same database (its topic deleted and made again) opens other ones: an id the
   * database has seen (its deliveries' keys, its CAP identifiers) is never given to a new threat.
   */
  public String threatIdPrefix() {
    return threatIdPrefix(bus);
  }

  static String threatIdPrefix(KafkaBus bus) {
    CRC32 crc = new CRC32();
    crc.update(bus.reportsTopicId().getBytes(StandardCharsets.UTF_8));
    return String.format(Locale.ROOT, "%08x-", crc.getValue());
  }

  /** Where this node's live warnings send their commands ({@link LiveWarnings#shared}). */
  public SharedLog sharedLog() {
    return sharedLog;
  }

  /** The events log as this node reads it: its event stream's source. */
  public EventSource events() {
    return events;
  }

  /**
   * Starts the node's part: its engine on the shared log, the events log's reader, the contest for
   * the engine role and, while it holds the role, the ticks, the events' publication and their
   * journal.
   *
   * @param live made by {@link LiveWarnings#shared} on {@link #sharedLog()}
   * @param eventJournal the shared database's journal
   * @param channels the delivery channels every event is queued for
   */
  public void start(LiveWarnings live, Journal eventJournal, List<String> channels) {
    Objects.requireNonNull(live, "live");
    this.live = live;
    // Before the engine takes its first command: the ordinals count every event from the start.
    live.subscribe(publisher::decided);
    this.journal = new EventJournal(eventJournal, channels, events);
    // From the latest checkpoint, not from the first record ever written: the engine followed
    // nothing there, and the checkpoint carries all it knew.
    long from = bus.engineCheckpoint().orElse(0);
    this.replica =
        new EngineReplica(
            commands.reader(from), live, cp -> publisher.checkpoint(cp.eventOrdinal()));
    this.startedAt = from;
    events.start();
    publisher.start();
    journal.start();
    replica.start();
    this.lease =
        bus.engineLease(
            new LeaseListener() {
              @Override
              public void acquired() {
                publisher.acquired();
                journal.acquired();
              }

              @Override
              public void lost() {
                publisher.lost();
                journal.lost();
              }
            });
    ticker.scheduleAtFixedRate(() -> tick(live), 1, 1, TimeUnit.SECONDS);
    // On a thread of its own: a checkpoint waits for its append and its taking, never the ticks.
    checkpointer.scheduleWithFixedDelay(
        () -> checkpoint(live),
        CHECKPOINT_EVERY.toSeconds(),
        CHECKPOINT_EVERY.toSeconds(),
        TimeUnit.SECONDS);
  }

  /**
   * The engine's node appends a checkpoint when its engine follows nothing at all and commands came
   * since the last one, and once every engine has taken it, marks it as where nodes start: a
   * restarting node then reads the log from there, not from its first record.
   */
  void checkpoint(LiveWarnings live) {
    try {
      if (!publisher.publishing() || !replica.caughtUp()) {
        return;
      }
      if (live.appliedUpTo() <= Math.max(live.lastCheckpoint(), startedAt)) {
        return; // nothing happened since the last checkpoint
      }
      Optional<Command.Checkpoint> checkpoint =
          live.whenQuiet(
              counters -> new Command.Checkpoint(counters, publisher.decidedCount(), live.now()));
      if (checkpoint.isEmpty()) {
        return;
      }
      long position = sharedLog.append(checkpoint.get());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (live.appliedUpTo() < position && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      if (live.lastCheckpoint() == position) {
        lease.checkpoint(position);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) { // NOPMD: a scheduled task that throws is never run again
      LOG.warn("checkpoint: not taken now, tried again later", e);
    }
  }

  /**
   * The engine's node appends a tick each second while anything is tracked or warned for: ticks
   * decide deadlines and all-clears, and the log needs none while nothing is happening.
   */
  private void tick(LiveWarnings live) {
    if (!publisher.publishing() || !replica.caughtUp()) {
      return;
    }
    Snapshot snapshot = live.snapshot();
    if (snapshot.threats().isEmpty() && snapshot.inForce().isEmpty()) {
      return;
    }
    live.tickQuietly();
  }

  /**
   * Starts {@code service} once this node's engine has taken every command the log held (it reads
   * the log from its start or a checkpoint first), on a thread of its own; the service is closed
   * with this node.
   */
  public void whenCaughtUp(Supplier<? extends AutoCloseable> service) {
    Thread thread =
        new Thread(
            () -> {
              try {
                while (replica == null || !replica.caughtUp()) {
                  Thread.sleep(200);
                }
                AutoCloseable started = service.get();
                synchronized (this) {
                  if (closed) {
                    closeQuietly(started);
                  } else {
                    services.add(started);
                  }
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (RuntimeException e) { // NOPMD: logged; the node serves on without it
                LOG.error("a service waiting for the engine to catch up did not start", e);
              }
            },
            "when-caught-up");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(AutoCloseable service) {
    try {
      service.close();
    } catch (Exception e) { // NOPMD: closing at the node's end; nothing else to do with it
      LOG.warn("closing a service failed", e);
    }
  }

  /** What this node does now. */
  public NodeRoles roles() {
    boolean engine = lease != null && lease.held() && publisher.publishing();
    return new NodeRoles(
        engine,
        deliveryLease.owned().stream().sorted().toList(),
        true,
        live == null ? -1 : live.appliedUpTo());
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      services.forEach(ClusterNode::closeQuietly);
      services.clear();
    }
    ticker.shutdownNow();
    checkpointer.shutdownNow();
    deliveryLease.close();
    if (lease != null) {
      lease.close();
    }
    if (replica != null) {
      replica.close();
    }
    publisher.close();
    if (journal != null) {
      journal.close();
    }
    events.close();
    eventLog.close();
    commands.close();
    bus.close();
  }
}
