package org.tocsin.bus;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.tocsin.alert.AlertEvent;
import org.tocsin.delivery.DeliveryPartitions;

/**
 * A node's connection to the cluster's Kafka: it makes the topics if they are missing, and opens
 * the report log, the event log, the engine lease and the delivery lease on them, each with its own
 * clients.
 *
 * <p>The reports and events topics have one partition: the engine needs every report in one order,
 * and one order of events gives every node the same event ids. Their records carry the broker's
 * time ({@code LogAppendTime}), which never goes back along a partition, so that a replay sees the
 * same times. They are kept until deleted by hand ({@code retention.ms=-1}): the engine rebuilds
 * its state from them.
 *
 * <p>Everything is bounded: a record at most {@value #MAX_RECORD_BYTES} bytes, a producer's buffer
 * {@value #PRODUCER_BUFFER_BYTES} bytes (an append waits for room, then fails), a poll at most
 * {@value #MAX_POLL_RECORDS} records and {@value #MAX_FETCH_BYTES} bytes.
 */
public final class KafkaBus implements AutoCloseable {

  /** The largest record: a batch of the most reports ingest takes, with room to spare. */
  public static final int MAX_RECORD_BYTES = 1 << 20;

  static final int PRODUCER_BUFFER_BYTES = 16 << 20;
  static final int MAX_POLL_RECORDS = 500;
  static final int MAX_FETCH_BYTES = 4 * MAX_RECORD_BYTES;

  /** How long making or checking the topics may take. */
  static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

  private static final Pattern NODE_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,64}");

  private final KafkaSettings settings;
  private final String nodeName;

  /** The reports topic's id: the brokers make a new one each time the topic is made. */
  private String reportsTopicId;

  private KafkaBus(KafkaSettings settings, String nodeName) {
    this.settings = settings;
    this.nodeName = nodeName;
  }

  /**
   * Connects a node: makes the topics if they are missing, and checks that the reports and events
   * topics have one partition each and the delivery topic one per delivery partition.
   *
   * @param nodeName this node's name in the clients' ids (the brokers' logs and metrics show it)
   * @throws LogUnavailableException when the brokers do not answer in time
   * @throws IllegalStateException when a topic exists with another number of partitions
   */
  public static KafkaBus connect(KafkaSettings settings, String nodeName) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(nodeName, "nodeName");
    if (!NODE_NAME.matcher(nodeName).matches()) {
      throw new IllegalArgumentException(
          "nodeName must be 1 to 64 of [a-zA-Z0-9._-], was '" + nodeName + "'");
    }
    KafkaBus bus = new KafkaBus(settings, nodeName);
    bus.ensureTopics();
    return bus;
  }

  public KafkaSettings settings() {
    return settings;
  }

  /**
   * The reports topic's id, as the brokers gave it when they made the topic: the same for every
   * node of the cluster, and another once the topic is deleted and made again.
   */
  public String reportsTopicId() {
    return reportsTopicId;
  }

  /** A new report log on the reports topic, with its own producer. */
  public RecordLog<ReportBatch> reports() {
    return commands(new ReportBatchCodec());
  }

  /** A new event log on the events topic, whose records are in {@code codec}'s byte form. */
  public <E> RecordLog<E> events(RecordCodec<E> codec) {
    return new KafkaLog<>(this, settings.eventsTopic(), codec);
  }

  /** A new event log of alert events in the journal's JSON form ({@link AlertEventCodec}). */
  public RecordLog<AlertEvent> alertEvents() {
    return events(new AlertEventCodec());
  }

  /**
   * A new log on the reports topic whose records are in {@code codec}'s byte form: a cluster's
   * shared log of commands (report batches, ticks, operators' actions), with its own producer.
   */
  public <T> RecordLog<T> commands(RecordCodec<T> codec) {
    return new KafkaLog<>(this, settings.reportsTopic(), codec);
  }

  /**
   * A writer of the events topic that only the engine's node may use: its appends are transactions
   * under one transactional id, so that opening it fences every earlier writer (a node that lost
   * the engine role and has not noticed): the brokers refuse that writer's appends from then on,
   * and readers never see what it left uncommitted.
   */
  public <T> FencedWriter<T> fencedEvents(RecordCodec<T> codec) {
    return new FencedWriter<>(this, settings.eventsTopic(), codec);
  }

  /**
   * The offset of the reports log's latest checkpoint (see {@link EngineLease#checkpoint}): where a
   * starting node reads from; empty when none was taken.
   *
   * @throws LogUnavailableException when the brokers do not answer in time
   */
  public OptionalLong engineCheckpoint() {
    Map<String, Object> config = consumerConfig("checkpoint-reader");
    config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.engineGroup());
    TopicPartition partition = new TopicPartition(settings.reportsTopic(), 0);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
      OffsetAndMetadata committed =
          consumer.committed(Set.of(partition), ADMIN_TIMEOUT).get(partition);
      return committed == null ? OptionalLong.empty() : OptionalLong.of(committed.offset());
    } catch (KafkaException e) {
      throw new LogUnavailableException("cannot read the engine's checkpoint: " + e, e);
    }
  }

  /**
   * Joins the contest for the engine role; {@code listener} is told when this node wins or loses
   * it. Closing the lease gives the role up at once.
   */
  public EngineLease engineLease(LeaseListener listener) {
    return new KafkaEngineLease(this, listener);
  }

  /**
   * Joins the delivery group: the lease's {@link DeliveryLease#owned} are the delivery partitions
   * this node delivers for, until another node is given them. Closing the lease gives them up at
   * once.
   */
  public DeliveryLease deliveryLease() {
    return new KafkaDeliveryLease(this);
  }

  /** Nothing to close: each log and lease owns its clients. */
  @Override
  public void close() {}

  Map<String, Object> producerConfig(String role) {
    Map<String, Object> config = common(role);
    // acks=all with idempotence: an acknowledged record is on every in-sync replica (at least
    // min.insync.replicas), and a retry after a lost acknowledgement never writes it twice.
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
    long appendMs = settings.appendTimeout().toMillis();
    // The producer retries within the append's time, across a broker's restart; then it fails.
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) appendMs);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(appendMs - 1, 15_000));
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, appendMs);
    config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, (long) PRODUCER_BUFFER_BYTES);
    config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_FETCH_BYTES);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return config;
  }

  /** A transactional producer's settings: an idempotent one's, with the engine's fencing id. */
  Map<String, Object> fencedProducerConfig(String role, String transactionalId) {
    Map<String, Object> config = producerConfig(role);
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    // An open transaction of a writer that died is aborted after this, if no writer opens anew.
    config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 60_000);
    return config;
  }

  /**
   * A reader's consumer: assigned its partition by hand, in no group, committing nothing. An offset
   * out of range is the reader's to handle ({@code none}), not reset to the start.
   */
  Map<String, Object> readerConfig(String role) {
    Map<String, Object> config = consumerConfig(role);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
    // Records of a transaction aborted (a fenced engine's) are never read; nor those of one open.
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
    config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, MAX_FETCH_BYTES);
    config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, MAX_FETCH_BYTES);
    return config;
  }

  /**
   * The engine lease's consumer: a member of the engine group under the classic protocol, so that
   * the client sets how fast a dead owner is noticed (the newer protocol takes that from the
   * brokers, whose default is 45 s). Its session lasts {@link KafkaEngineLease#SESSION_TIMEOUT}
   * with a heartbeat every {@link KafkaEngineLease#HEARTBEAT_INTERVAL}. The cooperative sticky
   * assignor keeps the partition with its owner when a standby joins, so the role never moves for
   * nothing.
   */
  Map<String, Object> leaseConfig() {
    Map<String, Object> config = consumerConfig("engine-lease");
    config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.engineGroup());
    config.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
    config.put(
        ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
        (int) KafkaEngineLease.SESSION_TIMEOUT.toMillis());
    config.put(
        ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
        (int) KafkaEngineLease.HEARTBEAT_INTERVAL.toMillis());
    config.put(
        ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG,
        (int) KafkaEngineLease.MAX_POLL_INTERVAL.toMillis());
    config.put(
        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        List.of(CooperativeStickyAssignor.class.getName()));
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    // The lease reads nothing (its partition is paused): the least it may fetch.
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
    config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 1024);
    config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 1024);
    return config;
  }

  private Map<String, Object> consumerConfig(String role) {
    Map<String, Object> config = common(role);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return config;
  }

  private Map<String, Object> common(String role) {
    Map<String, Object> config = new HashMap<>();
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    config.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId(role));
    // Reconnect soon after a broker comes back, but never hammer one that is down.
    config.put(CommonClientConfigs.RECONNECT_BACKOFF_MS_CONFIG, 50L);
    config.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000L);
    config.put(CommonClientConfigs.RETRY_BACKOFF_MS_CONFIG, 100L);
    config.put(CommonClientConfigs.RETRY_BACKOFF_MAX_MS_CONFIG, 1_000L);
    return config;
  }

  /** A client's id: its node and role, as the brokers' logs and metrics show it. */
  String clientId(String role) {
    return "tocsin-" + nodeName + "-" + role;
  }

  /**
   * The topics' descriptions. A topic just made may be unknown for a moment to the broker asked
   * (its metadata lags the controller's, more so for a topic of many partitions): asked again until
   * {@link #ADMIN_TIMEOUT}.
   */
  private static Map<String, TopicDescription> describeOnceKnown(Admin admin, Set<String> names)
      throws ExecutionException, TimeoutException, InterruptedException {
    long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
    while (true) {
      try {
        return admin
            .describeTopics(names)
            .allTopicNames()
            .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)
            || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }

  private void ensureTopics() {
    Map<String, String> topicConfig =
        Map.of(
            TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(settings.minInsyncReplicas()),
            TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime",
            TopicConfig.RETENTION_MS_CONFIG, "-1",
            TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(MAX_FETCH_BYTES),
            // A replica that was out of sync never becomes leader: it could lack acknowledged
            // records.
            TopicConfig.UNCLEAN_LEADER_ELECTION_ENABLE_CONFIG, "false");
    // The reports and the events need one order each; the delivery topic's partitions are the
    // delivery partitions, never written to.
    Map<String, Integer> partitions =
        Map.of(
            settings.reportsTopic(), 1,
            settings.eventsTopic(), 1,
            settings.deliveryTopic(), DeliveryPartitions.COUNT);
    Set<String> names = partitions.keySet();
    Map<String, Object> adminConfig = common("admin");
    // Its calls end within the time given to them, and so does its close.
    adminConfig.put(
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
    adminConfig.put(
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.dividedBy(2).toMillis());
    try (Admin admin = Admin.create(adminConfig)) {
      List<NewTopic> topics =
          names.stream()
              .map(
                  name ->
                      new NewTopic(name, partitions.get(name), settings.replicationFactor())
                          .configs(topicConfig))
              .toList();
      for (var created : admin.createTopics(topics).values().entrySet()) {
        try {
          created.getValue().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new LogUnavailableException(
                "cannot make topic " + created.getKey() + ": " + e.getCause().getMessage(), e);
          }
        }
      }
      Map<String, TopicDescription> described = describeOnceKnown(admin, names);
      reportsTopicId = described.get(settings.reportsTopic()).topicId().toString();
      for (TopicDescription topic : described.values()) {
        if (topic.name().equals(settings.deliveryTopic())
            && topic.partitions().size() != DeliveryPartitions.COUNT) {
          throw new IllegalStateException(
              "topic "
                  + topic.name()
                  + " must have exactly "
                  + DeliveryPartitions.COUNT
                  + " partitions, one per delivery partition; it has "
                  + topic.partitions().size());
        }
        if (!topic.name().equals(settings.deliveryTopic()) && topic.partitions().size() != 1) {
          throw new IllegalStateException(
              "topic "
                  + topic.name()
                  + " must have exactly one partition, so that its records have one order; it has "
                  + topic.partitions().size());
        }
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new LogUnavailableException(
          "Kafka at " + settings.bootstrapServers() + " did not answer: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LogUnavailableException("interrupted while making the topics", e);
    }
  }
}
