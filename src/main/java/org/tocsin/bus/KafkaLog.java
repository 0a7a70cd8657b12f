package org.tocsin.bus;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

/**
 * A log on a Kafka topic's single partition: appends through an idempotent producer with {@code
 * acks=all}, each waiting for its acknowledgement; reads through a consumer per reader.
 */
final class KafkaLog<T> implements RecordLog<T> {

  /** Beyond the producer's own delivery timeout: it always answers first. */
  private static final Duration ANSWER_MARGIN = Duration.ofSeconds(5);

  private final KafkaBus bus;
  private final String topic;
  private final RecordCodec<T> codec;
  private final KafkaProducer<byte[], byte[]> producer;

  KafkaLog(KafkaBus bus, String topic, RecordCodec<T> codec) {
    this.bus = bus;
    this.topic = topic;
    this.codec = Objects.requireNonNull(codec, "codec");
    this.producer = new KafkaProducer<>(bus.producerConfig(topic + "-producer"));
  }

  @Override
  public Appended append(T value) {
    Objects.requireNonNull(value, "value");
    byte[] bytes = codec.encode(value);
    if (bytes.length > KafkaBus.MAX_RECORD_BYTES) {
      throw new IllegalArgumentException(
          "a record must be at most " + KafkaBus.MAX_RECORD_BYTES + " bytes, was " + bytes.length);
    }
    Duration wait = bus.settings().appendTimeout().plus(ANSWER_MARGIN);
    try {
      RecordMetadata metadata =
          producer
              .send(new ProducerRecord<>(topic, 0, null, bytes))
              .get(wait.toMillis(), TimeUnit.MILLISECONDS);
      return new Appended(metadata.offset(), Instant.ofEpochMilli(metadata.timestamp()));
    } catch (ExecutionException e) {
      throw new LogUnavailableException(
          "topic " + topic + " did not take the record: " + e.getCause(), e.getCause());
    } catch (TimeoutException | KafkaException e) {
      throw new LogUnavailableException("topic " + topic + " did not take the record: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LogUnavailableException("interrupted while appending to " + topic, e);
    }
  }

  @Override
  public LogReader<T> reader(long fromOffset) {
    if (fromOffset < 0) {
      throw new IllegalArgumentException("fromOffset must be at least 0, was " + fromOffset);
    }
    return new KafkaLogReader<>(bus.readerConfig(topic + "-reader"), topic, codec, fromOffset);
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
