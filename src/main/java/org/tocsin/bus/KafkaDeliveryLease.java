package org.tocsin.bus;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
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
final class KafkaDeliveryLease extends GroupMembership implements DeliveryLease {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaDeliveryLease.class);

  private final String topic;

  /** Written by the lease's thread only; read by any. */
  private volatile Set<Integer> owned = Set.of();

  KafkaDeliveryLease(KafkaBus bus) {
    super(config(bus), bus.settings().deliveryTopic(), "delivery-lease");
    this.topic = bus.settings().deliveryTopic();
    start();
  }

  /** The engine lease's membership and timing, in a group of its own. */
  private static Map<String, Object> config(KafkaBus bus) {
    Map<String, Object> config = bus.leaseConfig();
    config.put(ConsumerConfig.GROUP_ID_CONFIG, bus.settings().deliveryGroup());
    config.put(CommonClientConfigs.CLIENT_ID_CONFIG, bus.clientId("delivery-lease"));
    return config;
  }

  @Override
  public Set<Integer> owned() {
    return owned;
  }

  /** Cooperative rebalancing: {@code partitions} are those added, never the whole assignment. */
  @Override
  void assigned(Collection<TopicPartition> partitions) {
    Set<Integer> next = new TreeSet<>(owned);
    next.addAll(numbers(partitions));
    update(next, "assigned " + numbers(partitions));
  }

  @Override
  void released(Collection<TopicPartition> partitions) {
    Set<Integer> next = new TreeSet<>(owned);
    next.removeAll(numbers(partitions));
    update(next, "released " + numbers(partitions));
  }

  @Override
  void ended() {
    update(Set.of(), "closed");
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
