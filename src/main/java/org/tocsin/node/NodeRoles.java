package org.tocsin.node;

import java.util.List;

/**
 * What a node does now, as {@code GET /health} shows it to operators and load balancers.
 *
 * @param engine whether this node's engine is the one whose events are published: always on a
 *     single node; on a cluster, the node holding the engine lease
 * @param deliveryPartitions the delivery partitions this node delivers now (subscribers are shared
 *     out among them), ascending
 * @param cluster whether the node is one of a cluster's, on Kafka
 * @param sharedLogPosition on a cluster, the position in the shared log of the last command this
 *     node's engine took (how far behind the log it is); -1 on a single node
 */
public record NodeRoles(
    boolean engine, List<Integer> deliveryPartitions, boolean cluster, long sharedLogPosition) {

  public NodeRoles {
    deliveryPartitions = List.copyOf(deliveryPartitions);
  }

  /** A single node that delivers nothing itself (a web server alone, in tests): the engine. */
  public static final NodeRoles SINGLE = new NodeRoles(true, List.of(), false, -1);

  /** A single node delivering every partition. */
  public static NodeRoles single(List<Integer> deliveryPartitions) {
    return new NodeRoles(true, deliveryPartitions, false, -1);
  }
}
