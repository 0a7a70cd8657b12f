package org.tocsin.bus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;

/**
 * Appends to a topic's single partition in transactions under one transactional id, which the
 * engine's node alone uses: opening a writer fences every earlier one with the same id, and the
 * brokers abort what that one left open. Used by one thread at a time.
 */
public final class FencedWriter<T> implements AutoCloseable {

  private static final Duration ANSWER_MARGIN = Duration.ofSeconds(5);

  private final KafkaBus bus;
  private final String topic;
  private final RecordCodec<T> codec;
  private final KafkaProducer<byte[], byte[]> producer;

  FencedWriter(KafkaBus bus, String topic, RecordCodec<T> codec) {
    this.bus = bus;
    this.topic = topic;
    this.codec = Objects.requireNonNull(codec, "codec");
    this.producer =
        new KafkaProducer<>(
            bus.fencedProducerConfig(
                topic + "-fenced-producer", bus.settings().engineGroup() + "." + topic));
    try {
      producer.initTransactions();
    } catch (KafkaException e) {
      producer.close(Duration.ZERO);
      throw new LogUnavailableException("cannot open the fenced writer of " + topic + ": " + e, e);
    }
  }

  /**
   * Appends {@code values} in one transaction, in order, and returns once it is committed.
   *
   * @throws FencedException when another writer has opened since: this one must stop writing
   * @throws LogUnavailableException when the brokers did not take it in time (nothing of it is
   *     read, and the caller may try again)
   */
  public List<Appended> appendAll(List<T> values) {
    List<byte[]> encoded = new ArrayList<>(values.size());
    for (T value : values) {
      byte[] bytes = codec.encode(Objects.requireNonNull(value, "value"));
      if (bytes.length > KafkaBus.MAX_RECORD_BYTES) {
        throw new IllegalArgumentException(
            "a record must be at most "
                + KafkaBus.MAX_RECORD_BYTES
                + " bytes, was "
                + bytes.length);
      }
      encoded.add(bytes);
    }
    Duration wait = bus.settings().appendTimeout().plus(ANSWER_MARGIN);
    try {
      producer.beginTransaction();
      List<Future<RecordMetadata>> sent = new ArrayList<>(encoded.size());
      for (byte[] bytes : encoded) {
        sent.add(producer.send(new ProducerRecord<>(topic, 0, null, bytes)));
      }
      producer.commitTransaction();
      List<Appended> appended = new ArrayList<>(sent.size());
      for (Future<RecordMetadata> future : sent) {
        RecordMetadata metadata = future.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        appended.add(new Appended(metadata.offset(), Instant.ofEpochMilli(metadata.timestamp())));
      }
      return appended;
    } catch (ExecutionException e) {
      throw failed(e.getCause(), e);
    } catch (TimeoutException | KafkaException e) {
      throw failed(e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LogUnavailableException("interrupted while appending to " + topic, e);
    }
  }

  /**
   * The failure to throw: fenced when another writer opened since (the brokers refuse this one's
   * epoch), else unavailable after aborting the transaction.
   */
  private LogUnavailableException failed(Throwable cause, Exception thrown) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof ProducerFencedException || t instanceof InvalidProducerEpochException) {
        return new FencedException(
            "another node now writes " + topic + ": " + t.getMessage(), thrown);
      }
    }
    abort();
    return new LogUnavailableException(topic + " did not take the records: " + cause, thrown);
  }

  private void abort() {
    try {
      producer.abortTransaction();
    } catch (KafkaException e) {
      // The transaction may not be open, or the producer may be unusable: the caller reopens.
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }

  /** Another writer with the same id has opened: this one must never write again. */
  public static final class FencedException extends LogUnavailableException {
    private static final long serialVersionUID = 1L;

    FencedException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
