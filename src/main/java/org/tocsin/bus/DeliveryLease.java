package org.tocsin.bus;

import java.util.Set;

/**
 * The delivery partitions ({@link org.tocsin.delivery.DeliveryPartitions}) this node owns now: on
 * Kafka, the delivery group's assignment of the delivery topic's partitions, which moves a dead or
 * departed node's partitions to the living ({@link KafkaBus#deliveryLease}); on a single node,
 * every partition ({@link #all}).
 *
 * <p>Ownership shares the work out; it is not what keeps a delivery from being sent twice at once:
 * the database's claim leases each delivery to one worker, so two nodes that both believe they own
 * a partition for a moment (one cut off from Kafka has not heard of its loss yet) still send each
 * delivery once per lease, in order.
 */
public interface DeliveryLease extends AutoCloseable {

  /**
   * The partitions owned now, each within [0, {@code DeliveryPartitions.COUNT}): an immutable
   * snapshot, safe to ask from any thread, quick enough to ask every round of a worker.
   */
  Set<Integer> owned();

  /** Gives every partition up (the other nodes share them out at once); owns none afterwards. */
  @Override
  void close();

  /** A single node's lease: owns every partition from the start until closed. */
  static DeliveryLease all() {
    return new AllDeliveryLease();
  }
}
