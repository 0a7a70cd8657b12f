package org.tocsin.bus;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer group's membership that reads nothing: the partitions the coordinator assigns to this
 * member are what it holds (a role, a share of the work). Its own thread polls only to stay in the
 * group; it pauses every partition it is given. The engine lease and the delivery lease are both
 * one ({@link KafkaEngineLease}, {@link KafkaDeliveryLease}), each with its own group.
 *
 * <p>Subclasses are told of assigned, revoked and lost partitions on that thread (cooperative
 * rebalancing: only those that changed), and once more with none when the membership ends; they
 * must return at once, for the thread keeps the heartbeat.
 */
abstract class GroupMembership implements ConsumerRebalanceListener, AutoCloseable {

  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
  private static final Logger LOG = LoggerFactory.getLogger(GroupMembership.class);

  /** The member's consumer: used on its thread only, by this class and the subclass's hooks. */
  protected final KafkaConsumer<byte[], byte[]> consumer;

  private final String name;
  private final Thread thread;
  private volatile boolean running = true;

  /**
   * @param name the membership's name in logs and its thread's ({@code engine-lease})
   */
  GroupMembership(Map<String, Object> config, String topic, String name) {
    this.name = name;
    this.consumer = new KafkaConsumer<>(config);
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
    consumer.subscribe(List.of(topic), this);
  }

  /** Starts polling: once the subclass is set up, since its hooks run from then on. */
  final void start() {
    thread.start();
  }

  /** Partitions given to this member; already paused. */
  abstract void assigned(Collection<TopicPartition> partitions);

  /** Partitions taken from this member, by a rebalance or lost with its session. */
  abstract void released(Collection<TopicPartition> partitions);

  /** The membership has ended: it holds nothing. */
  abstract void ended();

  /** After each poll that returned, on the member's thread (the engine lease commits there). */
  void afterPoll() {}

  /** Leaves the group, so that the other members are given this one's partitions at once. */
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
          afterPoll();
        } catch (WakeupException e) {
          // close() asks the thread to stop.
        } catch (KafkaException e) {
          // A broker's error must not end the membership; the consumer recovers on a later poll.
          LOG.warn("{}: poll failed, trying again", name, e);
          pause();
        }
      }
    } finally {
      consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
      ended();
    }
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
  public final void onPartitionsAssigned(Collection<TopicPartition> partitions) {
    consumer.pause(partitions);
    assigned(partitions);
  }

  @Override
  public final void onPartitionsRevoked(Collection<TopicPartition> partitions) {
    released(partitions);
  }

  @Override
  public final void onPartitionsLost(Collection<TopicPartition> partitions) {
    released(partitions);
  }
}
