package org.tocsin.bus;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine role as the engine group's ownership of the reports topic's single partition: every
 * node's lease is a member of the group, the group coordinator gives the partition to one member,
 * and when that member dies (its heartbeats stop) it gives it to another.
 *
 * <p>Timing: a dead owner is noticed when its session ({@link #SESSION_TIMEOUT}, 6 s) expires, the
 * least a broker accepts by default ({@code group.min.session.timeout.ms}); a standby hears of the
 * rebalance with its next heartbeat ({@link #HEARTBEAT_INTERVAL}, 2 s, so that three are missed
 * before a live owner's session expires under a loaded machine's pauses) and takes the partition. A
 * standby takes over in about 6 to 10 s. A shorter session would move the role on every long pause
 * of a loaded node and make the new engine replay for nothing.
 *
 * <p>The lease reads nothing ({@link GroupMembership}); the engines read the reports with a {@link
 * LogReader} from the checkpoint this lease commits ({@link #checkpoint}).
 *
 * <p>An owner cut off from Kafka learns of its loss only when it reaches the coordinator again;
 * until then two nodes may both believe they hold the role. The holder's writes are fenced for that
 * ({@link FencedWriter}): the last to open its writer is the only one that can write.
 */
final class KafkaEngineLease extends GroupMembership implements EngineLease {

  static final Duration SESSION_TIMEOUT = Duration.ofSeconds(6);
  static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(2);

  /**
   * The longest the lease's thread may go without polling before it leaves the group by itself;
   * also how long a rebalance waits for members to join again.
   */
  static final Duration MAX_POLL_INTERVAL = Duration.ofSeconds(20);

  private static final Logger LOG = LoggerFactory.getLogger(KafkaEngineLease.class);

  private final TopicPartition partition;
  private final LeaseListener listener;
  private volatile boolean held;

  /** A checkpoint's offset to commit, from another thread: the consumer's own thread commits. */
  private final AtomicLong checkpoint = new AtomicLong(-1);

  KafkaEngineLease(KafkaBus bus, LeaseListener listener) {
    super(bus.leaseConfig(), bus.settings().reportsTopic(), "engine-lease");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.partition = new TopicPartition(bus.settings().reportsTopic(), 0);
    start();
  }

  @Override
  public boolean held() {
    return held;
  }

  @Override
  public void checkpoint(long offset) {
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be at least 0, was " + offset);
    }
    checkpoint.accumulateAndGet(offset, Math::max);
  }

  /**
   * Commits the latest checkpoint's offset for the engine group, while this node holds the role
   * (the coordinator takes commits from the partition's owner only); tried again after a failure.
   */
  @Override
  void afterPoll() {
    long offset = checkpoint.get();
    if (offset < 0 || !held) {
      return;
    }
    consumer.commitSync(Map.of(partition, new OffsetAndMetadata(offset)), Duration.ofSeconds(5));
    checkpoint.compareAndSet(offset, -1);
    LOG.info("engine lease: checkpoint at {} committed", offset);
  }

  @Override
  void assigned(Collection<TopicPartition> partitions) {
    if (partitions.contains(partition) && !held) {
      held = true;
      LOG.info("engine lease: acquired {}", partition);
      tell(listener::acquired);
    }
  }

  @Override
  void released(Collection<TopicPartition> partitions) {
    if (partitions.contains(partition)) {
      ended();
    }
  }

  /** Leaving revokes the partition, which tells the listener; so does the end of the membership. */
  @Override
  void ended() {
    if (held) {
      held = false;
      LOG.info("engine lease: lost {}", partition);
      tell(listener::lost);
    }
  }

  private static void tell(Runnable callback) {
    try {
      callback.run();
    } catch (RuntimeException e) {
      // The listener's failure is its own; the lease must go on heartbeating.
      LOG.error("engine lease: the listener failed", e);
    }
  }
}
