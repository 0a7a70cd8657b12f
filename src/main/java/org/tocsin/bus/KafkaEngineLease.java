package org.tocsin.bus;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
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
 * <p>The lease reads nothing: it pauses the partition once assigned, and polls only to stay in the
 * group. The engine reads the reports with a {@link LogReader} from its snapshot's offset.
 *
 * <p>Known limit: an owner cut off from Kafka learns of its loss only when it reaches the
 * coordinator again; until then two nodes may both believe they run the engine. Writes of the
 * engine must be fenced (a transactional producer per role) before events from a cut-off owner can
 * be ruled out.
 */
final class KafkaEngineLease implements EngineLease, ConsumerRebalanceListener {

  static final Duration SESSION_TIMEOUT = Duration.ofSeconds(6);
  static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(2);

  /**
   * The longest the lease's thread may go without polling before it leaves the group by itself;
   * also how long a rebalance waits for members to join again.
   */
  static final Duration MAX_POLL_INTERVAL = Duration.ofSeconds(20);

  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
  private static final Logger LOG = LoggerFactory.getLogger(KafkaEngineLease.class);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final TopicPartition partition;
  private final LeaseListener listener;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile boolean held;

  /** A checkpoint's offset to commit, from another thread: the consumer's own thread commits. */
  private final java.util.concurrent.atomic.AtomicLong checkpoint =
      new java.util.concurrent.atomic.AtomicLong(-1);

  KafkaEngineLease(KafkaBus bus, LeaseListener listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
    String topic = bus.settings().reportsTopic();
    this.partition = new TopicPartition(topic, 0);
    this.consumer = new KafkaConsumer<>(bus.leaseConfig());
    this.thread = new Thread(this::run, "engine-lease");
    thread.setDaemon(true);
    consumer.subscribe(List.of(topic), this);
    thread.start();
  }

  @Override
  public boolean held() {
    return held;
  }

  /** Leaves the group, so that another member is given the partition at once. */
  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(CLOSE_TIMEOUT.plusSeconds(5).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    try {
      while (running) {
        try {
          consumer.poll(POLL);
          commitCheckpoint();
        } catch (WakeupException e) {
          // close() asks the thread to stop.
        } catch (KafkaException e) {
          // A broker's error must not end the contest; the consumer recovers on a later poll.
          LOG.warn("engine lease: poll failed, trying again", e);
          pause();
        }
      }
    } finally {
      // Leaving revokes the partition, which tells the listener (onPartitionsRevoked).
      consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
      release();
    }
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
  private void commitCheckpoint() {
    long offset = checkpoint.get();
    if (offset < 0 || !held) {
      return;
    }
    consumer.commitSync(
        java.util.Map.of(
            partition, new org.apache.kafka.clients.consumer.OffsetAndMetadata(offset)),
        Duration.ofSeconds(5));
    checkpoint.compareAndSet(offset, -1);
    LOG.info("engine lease: checkpoint at {} committed", offset);
  }

  /** A pause after a failed poll, so that an error that repeats does not spin the thread. */
  private void pause() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  @Override
  public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
    consumer.pause(partitions);
    if (partitions.contains(partition) && !held) {
      held = true;
      LOG.info("engine lease: acquired {}", partition);
      tell(listener::acquired);
    }
  }

  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
    if (partitions.contains(partition)) {
      release();
    }
  }

  @Override
  public void onPartitionsLost(Collection<TopicPartition> partitions) {
    if (partitions.contains(partition)) {
      release();
    }
  }

  private void release() {
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
