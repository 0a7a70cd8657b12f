package org.tocsin.bus;

/**
 * An append-only log of records in one order: in-process for a single node, a Kafka topic with one
 * partition for several nodes.
 */
public interface RecordLog<T> extends AutoCloseable {

  /**
   * Appends a record and returns once the log holds it durably (for Kafka: every in-sync replica
   * has it), so that an acknowledgement may follow. Safe to call from several threads.
   *
   * @throws LogUnavailableException when the log did not take it in time
   */
  Appended append(T value);

  /**
   * A reader from {@code fromOffset}: 0 reads everything still kept, an offset past the end waits
   * for what comes.
   */
  LogReader<T> reader(long fromOffset);

  @Override
  void close();

  /**
   * A log in this process's memory that keeps the latest {@code capacity} records, stamped by
   * {@code clock}: a single node's, and the tests'.
   */
  static <T> RecordLog<T> inProcess(int capacity, java.time.Clock clock) {
    return new InProcessLog<>(capacity, clock);
  }
}
