package org.tocsin.bus;

/**
 * The engine role, held by exactly one node at a time: on Kafka, the engine group's owner of the
 * reports topic's single partition ({@link KafkaBus#engineLease}); on a single node, always this
 * node ({@link #sole}).
 */
public interface EngineLease extends AutoCloseable {

  /** Whether this node holds the role now. */
  boolean held();

  /**
   * Marks {@code offset} of the reports log as where a node may start reading (a checkpoint the
   * engine took there), once and for every node: on Kafka, the engine group's committed offset of
   * the reports partition, committed by the holder only. Nothing on a single node.
   */
  default void checkpoint(long offset) {}

  /** Gives the role up (another node takes it at once) and stops contending. */
  @Override
  void close();

  /** A single node's lease: held from the start until closed. */
  static EngineLease sole(LeaseListener listener) {
    return new SoleEngineLease(listener);
  }
}
