package org.tocsin.bus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a topic's single partition from an offset with a consumer of its own, assigned by hand (no
 * group, nothing committed: the caller keeps its position, in its snapshot or its client's {@code
 * Last-Event-ID}).
 *
 * <p>A record its codec refuses (not UTF-8, not JSON, not a valid value, empty) is skipped, counted
 * and logged (the first {@value #LOGGED_SKIPS}, then one in {@value #LOG_EVERY}), and reading goes
 * on: whoever can write to the topic must not be able to stop a node.
 */
final class KafkaLogReader<T> implements LogReader<T> {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaLogReader.class);
  static final int LOGGED_SKIPS = 10;
  static final int LOG_EVERY = 1_000;

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final TopicPartition partition;
  private final RecordCodec<T> codec;
  private long position;
  private long skipped;

  KafkaLogReader(Map<String, Object> config, String topic, RecordCodec<T> codec, long fromOffset) {
    this.partition = new TopicPartition(topic, 0);
    this.codec = codec;
    this.position = fromOffset;
    this.consumer = new KafkaConsumer<>(config);
    consumer.assign(List.of(partition));
    consumer.seek(partition, fromOffset);
  }

  @Override
  public List<LogRecord<T>> poll(Duration wait) {
    List<LogRecord<T>> read = new ArrayList<>();
    ConsumerRecords<byte[], byte[]> records;
    try {
      records = consumer.poll(wait);
    } catch (OffsetOutOfRangeException e) {
      try {
        seekIntoRange();
      } catch (KafkaException unreachable) {
        LOG.warn("cannot find {}'s offsets now; trying again", partition, unreachable);
      }
      return read;
    }
    for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
      if (record.offset() < position) {
        // Before the offset asked for: the reader was moved back to the end (see seekIntoRange).
        continue;
      }
      position = record.offset() + 1;
      T value = decode(record);
      if (value != null) {
        read.add(new LogRecord<>(record.offset(), Instant.ofEpochMilli(record.timestamp()), value));
      }
    }
    // Past the records read: a transaction's commit marker takes an offset of its own, which no
    // record returns, and a reader at the end must say so (see end()).
    try {
      position = Math.max(position, consumer.position(partition, Duration.ofSeconds(5)));
    } catch (KafkaException e) {
      LOG.debug("position of {} unknown now", partition, e);
    }
    return read;
  }

  /**
   * The offset asked for is not in the log: before its start (records deleted), the reader goes on
   * from the oldest kept; past its end, it waits at the end and returns only records from that
   * offset on, as the in-process log does. Kafka's own reset would start over from 0 there.
   */
  private void seekIntoRange() {
    Duration timeout = Duration.ofSeconds(10);
    long beginning = consumer.beginningOffsets(List.of(partition), timeout).get(partition);
    long end = consumer.endOffsets(List.of(partition), timeout).get(partition);
    if (position < beginning) {
      position = beginning;
      consumer.seek(partition, beginning);
    } else {
      consumer.seek(partition, Math.min(position, end));
    }
  }

  private T decode(ConsumerRecord<byte[], byte[]> record) {
    String problem;
    try {
      if (record.value() == null) {
        problem = "no value";
      } else {
        return codec.decode(record.value());
      }
    } catch (RuntimeException e) {
      // Any failure, not only the codec's IllegalArgumentException: the bytes are hostile.
      problem = e.toString();
    }
    skipped++;
    if (skipped <= LOGGED_SKIPS || skipped % LOG_EVERY == 0) {
      LOG.warn(
          "skipped invalid record {} at offset {} ({} skipped so far): {}",
          partition,
          record.offset(),
          skipped,
          problem.length() > 300 ? problem.substring(0, 300) + "…" : problem);
    }
    return null;
  }

  @Override
  public long position() {
    return position;
  }

  @Override
  public long end() {
    try {
      return consumer.endOffsets(List.of(partition), Duration.ofSeconds(10)).get(partition);
    } catch (KafkaException e) {
      throw new LogUnavailableException("cannot find the end of " + partition + ": " + e, e);
    }
  }

  @Override
  public long skipped() {
    return skipped;
  }

  @Override
  public void close() {
    consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
  }
}
