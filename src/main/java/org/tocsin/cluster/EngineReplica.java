package org.tocsin.cluster;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tocsin.bus.LogReader;
import org.tocsin.bus.LogRecord;
import org.tocsin.node.Command;
import org.tocsin.node.LiveWarnings;

/**
 * This node's engine, fed by the shared log: a thread that reads every command from the start of
 * the log, in its order, and has the live warnings take each at the log's time for it. Every node
 * runs one, so every node holds the warnings in force and a standby that takes the engine role over
 * has nothing to rebuild. A command the engine refuses is logged and counted by the live warnings,
 * and reading goes on: no record stops a node.
 */
final class EngineReplica extends Loop {

  private static final Logger LOG = LoggerFactory.getLogger(EngineReplica.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private final LogReader<LoggedCommand> reader;
  private final LiveWarnings live;
  private final Consumer<Command.Checkpoint> checkpoints;

  /** Whether the engine had taken every command the log held when it last found none to read. */
  private volatile boolean caughtUp;

  EngineReplica(LogReader<LoggedCommand> reader, LiveWarnings live) {
    this(reader, live, checkpoint -> {});
  }

  /**
   * @param checkpoints told of each checkpoint the engine took, on this thread, before the next
   *     command
   */
  EngineReplica(
      LogReader<LoggedCommand> reader,
      LiveWarnings live,
      Consumer<Command.Checkpoint> checkpoints) {
    super("engine-replica", POLL);
    this.reader = Objects.requireNonNull(reader, "reader");
    this.live = Objects.requireNonNull(live, "live");
    this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
  }

  boolean caughtUp() {
    return caughtUp;
  }

  @Override
  void turn() {
    var records = reader.poll(POLL);
    for (LogRecord<LoggedCommand> record : records) {
      // Each record alone: the reader is past the whole poll, so a failure must not skip the
      // records after it on this node only (its engine would no longer be the others').
      take(record);
    }
    if (records.isEmpty()) {
      caughtUp = reader.position() >= reader.end();
    }
  }

  @Override
  void stopped() {
    reader.close();
  }

  private void take(LogRecord<LoggedCommand> record) {
    try {
      Command command = record.value().command(record.time());
      if (live.applyShared(record.offset(), command)
          && command instanceof Command.Checkpoint checkpoint) {
        checkpoints.accept(checkpoint);
      }
    } catch (RuntimeException e) { // NOPMD: logged with its position; the next record is taken
      LOG.error("engine replica: record {} could not be taken", record.offset(), e);
    }
  }
}
