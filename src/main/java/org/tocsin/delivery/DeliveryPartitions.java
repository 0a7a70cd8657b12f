package org.tocsin.delivery;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.CRC32;

/**
 * How deliveries are shared out between nodes: each subscriber belongs to one of {@link #COUNT}
 * partitions, and a node delivers only for the partitions it owns (on Kafka, the delivery group's
 * assignment of as many partitions of a topic). All of a subscriber's deliveries are in one
 * partition, so one node at a time sends them, in order.
 *
 * <p>The partition is the CRC-32 of the subscriber's id in UTF-8 (ISO 3309, the same on every JVM
 * and release), modulo {@link #COUNT}. It is stored with each delivery, so that a claim selects its
 * partitions in SQL; changing the function or the count would strand the pending deliveries of
 * every subscriber that moves.
 */
public final class DeliveryPartitions {

  /**
   * How many partitions: a few per node of a large cluster, so that the living share a dead node's
   * partitions out evenly. Also the Kafka delivery topic's partition count, which cannot shrink.
   */
  public static final int COUNT = 12;

  private static final Set<Integer> ALL =
      IntStream.range(0, COUNT).boxed().collect(Collectors.toUnmodifiableSet());

  private DeliveryPartitions() {}

  /** The partition of a subscriber's deliveries, within [0, {@link #COUNT}). */
  public static int of(String subscriberId) {
    Objects.requireNonNull(subscriberId, "subscriberId");
    CRC32 crc = new CRC32();
    crc.update(subscriberId.getBytes(StandardCharsets.UTF_8));
    return (int) Math.floorMod(crc.getValue(), (long) COUNT);
  }

  /** Every partition: what a node that runs alone owns. */
  public static Set<Integer> all() {
    return ALL;
  }

  /**
   * Checks a set of owned partitions, as a claim takes it.
   *
   * @throws IllegalArgumentException when a partition is outside [0, {@link #COUNT})
   */
  static Set<Integer> checked(Set<Integer> partitions) {
    Objects.requireNonNull(partitions, "partitions");
    for (Integer partition : partitions) {
      if (partition == null || partition < 0 || partition >= COUNT) {
        throw new IllegalArgumentException(
            "partitions must be within [0, " + COUNT + "), had " + partition);
      }
    }
    return Set.copyOf(partitions);
  }
}
