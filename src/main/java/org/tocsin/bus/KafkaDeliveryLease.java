package org.tocsin.bus;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery partitions as the delivery group's assignment of the delivery topic's partitions
 * (one per {@link org.tocsin.delivery.DeliveryPartitions}): every node's lease is a member of the
 * group, the group coordinator shares the partitions out between the members, and when a member
 * leaves or dies (its heartbeats stop) it shares that member's partitions out between the others.
 *
 * <p>Timing and membership are the engine lease's ({@link KafkaEngineLease}: classic protocol, a 6
 * s session, a heartbeat every 2 s, the cooperative sticky assignor): a closed lease's partitions
 * move at once, a dead node's about 6 to 10 s after it died. The sticky assignor moves only what it
 * must when a node joins or leaves, so the others' partitions (and the deliveries they have
 * claimed) stay where they are.
 *
 * <p>The lease reads nothing: it pauses its partitions once assigned, and polls only to stay in the
 * group. Its rebalance callbacks run on its own thread and only replace the owned snapshot, so they
 * never block the heartbeat.
 */
final class KafkaDeliveryLease implements DeliveryLease, ConsumerRebalanceListener {

  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
  private static final Logger LOG = LoggerFactory.getLogger(KafkaDeliveryLease.class);

  private final String topic;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Thread thread;
  private volatile boolean running = true;

  /** Written by the lease's thread only; read by any. */
  private volatile Set<Integer> owned = Set.of();

  KafkaDeliveryLease(KafkaBus bus) {
    this.topic = bus.settings().deliveryTopic();
    // The engine lease's membership and timing, in a group of its own.
    Map<String, Object> config = bus.leaseConfig();
    config.put(ConsumerConfig.GROUP_ID_CONFIG, bus.settings().deliveryGroup());
    config.put(CommonClientConfigs.CLIENT_ID_CONFIG, bus.clientId("delivery-lease"));
    this.consumer = new KafkaConsumer<>(config);
    this.thread = new Thread(this::run, "delivery-lease");
    thread.setDaemon(true);
    consumer.subscribe(List.of(topic), this);
    thread.start();
  }

  @Override
  public Set<Integer> owned() {
    return owned;
  }

  /** Leaves the group, so that the other members are given the partitions at once. */
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
        } catch (WakeupException e) {
          // close() asks the thread to stop.
        } catch (KafkaException e) {
          // A broker's error must not end the membership; the consumer recovers on a later poll.
          LOG.warn("delivery lease: poll failed, trying again", e);
          pause();
        }
      }
    } finally {
      consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
      update(Set.of(), "closed");
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

  /** Cooperative rebalancing: {@code partitions} are those added, never the whole assignment. */
  @Override
  public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
    consumer.pause(partitions);
    Set<Integer> next = new TreeSet<>(owned);
    next.addAll(numbers(partitions));
    update(next, "assigned " + numbers(partitions));
  }

  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
    without(partitions, "revoked");
  }

  @Override
  public void onPartitionsLost(Collection<TopicPartition> partitions) {
    without(partitions, "lost");
  }

  private void without(Collection<TopicPartition> partitions, String why) {
    Set<Integer> next = new TreeSet<>(owned);
    next.removeAll(numbers(partitions));
    update(next, why + " " + numbers(partitions));
  }

  private void update(Set<Integer> next, String why) {
    Set<Integer> snapshot = Set.copyOf(next);
    if (!snapshot.equals(owned)) {
      owned = snapshot;
      LOG.info("delivery lease: {}, owns {}", why, new TreeSet<>(snapshot));
    }
  }

  private Set<Integer> numbers(Collection<TopicPartition> partitions) {
    Set<Integer> numbers = new TreeSet<>();
    for (TopicPartition partition : partitions) {
      if (partition.topic().equals(topic)) {
        numbers.add(partition.partition());
      }
    }
    return numbers;
  }
}
