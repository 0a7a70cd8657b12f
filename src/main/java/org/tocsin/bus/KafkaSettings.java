package org.tocsin.bus;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a node reaches the cluster's Kafka and what it names there.
 *
 * @param bootstrapServers {@code HOST:PORT[,HOST:PORT…]}
 * @param reportsTopic the topic of sensor reports: one partition, so the engine reads one order
 * @param eventsTopic the topic of alert events: one partition, whose offsets are the events' ids
 * @param engineGroup the consumer group whose owner of the reports partition runs the engine
 * @param deliveryTopic the topic whose partitions stand for the delivery partitions: as many as
 *     {@link org.tocsin.delivery.DeliveryPartitions#COUNT}, never written to
 * @param deliveryGroup the consumer group that shares the delivery topic's partitions out between
 *     the nodes
 * @param replicationFactor each topic's replicas (3 in production; 1 on one test broker)
 * @param minInsyncReplicas the replicas that must have a record before it is acknowledged (2 of 3
 *     in production, so one broker may be lost without losing an acknowledged report)
 * @param appendTimeout how long an append may wait for the brokers before it fails
 */
public record KafkaSettings(
    String bootstrapServers,
    String reportsTopic,
    String eventsTopic,
    String engineGroup,
    String deliveryTopic,
    String deliveryGroup,
    short replicationFactor,
    int minInsyncReplicas,
    Duration appendTimeout) {

  /** Kafka's own rule for topic and group names, kept shorter. */
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9._-]{1,200}");

  private static final Pattern SERVERS =
      Pattern.compile("[^,\\s:]+:[0-9]{1,5}(,[^,\\s:]+:[0-9]{1,5})*");

  public KafkaSettings {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    if (!SERVERS.matcher(bootstrapServers).matches()) {
      throw new IllegalArgumentException(
          "bootstrapServers must be HOST:PORT[,HOST:PORT...], was '" + bootstrapServers + "'");
    }
    name("reportsTopic", reportsTopic);
    name("eventsTopic", eventsTopic);
    name("engineGroup", engineGroup);
    name("deliveryTopic", deliveryTopic);
    name("deliveryGroup", deliveryGroup);
    distinct("reportsTopic", reportsTopic, "eventsTopic", eventsTopic);
    distinct("reportsTopic", reportsTopic, "deliveryTopic", deliveryTopic);
    distinct("eventsTopic", eventsTopic, "deliveryTopic", deliveryTopic);
    distinct("engineGroup", engineGroup, "deliveryGroup", deliveryGroup);
    if (replicationFactor < 1) {
      throw new IllegalArgumentException(
          "replicationFactor must be at least 1, was " + replicationFactor);
    }
    if (minInsyncReplicas < 1 || minInsyncReplicas > replicationFactor) {
      throw new IllegalArgumentException(
          "minInsyncReplicas must be within [1, replicationFactor "
              + replicationFactor
              + "], was "
              + minInsyncReplicas);
    }
    Objects.requireNonNull(appendTimeout, "appendTimeout");
    if (appendTimeout.compareTo(Duration.ofSeconds(1)) < 0
        || appendTimeout.compareTo(Duration.ofMinutes(5)) > 0) {
      throw new IllegalArgumentException(
          "appendTimeout must be within [1 s, 5 min], was " + appendTimeout);
    }
  }

  /**
   * A production cluster's settings: topics {@code tocsin.reports}, {@code tocsin.events} and
   * {@code tocsin.delivery-partitions}, groups {@code tocsin.engine} and {@code tocsin.delivery},
   * three replicas of which two must have a record, appends that wait up to 30 s.
   */
  public static KafkaSettings production(String bootstrapServers) {
    return new KafkaSettings(
        bootstrapServers,
        "tocsin.reports",
        "tocsin.events",
        "tocsin.engine",
        "tocsin.delivery-partitions",
        "tocsin.delivery",
        (short) 3,
        2,
        Duration.ofSeconds(30));
  }

  /** The same settings on a single broker: one replica. */
  public KafkaSettings withOneReplica() {
    return new KafkaSettings(
        bootstrapServers,
        reportsTopic,
        eventsTopic,
        engineGroup,
        deliveryTopic,
        deliveryGroup,
        (short) 1,
        1,
        appendTimeout);
  }

  /** The same settings with other names, so that tests on one broker never share a topic. */
  public KafkaSettings withNamePrefix(String prefix) {
    return new KafkaSettings(
        bootstrapServers,
        prefix + reportsTopic,
        prefix + eventsTopic,
        prefix + engineGroup,
        prefix + deliveryTopic,
        prefix + deliveryGroup,
        replicationFactor,
        minInsyncReplicas,
        appendTimeout);
  }

  /** Two names that would mix two things up if they were one. */
  private static void distinct(String field, String value, String otherField, String other) {
    if (value.equals(other)) {
      throw new IllegalArgumentException(
          field + " and " + otherField + " must differ, both were '" + value + "'");
    }
  }

  private static void name(String field, String value) {
    Objects.requireNonNull(value, field);
    if (!NAME.matcher(value).matches()) {
      throw new IllegalArgumentException(
          field + " must be 1 to 200 of [a-zA-Z0-9._-], was '" + value + "'");
    }
  }
}
