package org.tocsin.bus;

import java.time.Duration;
import java.util.List;

/**
 * Reads a log in order from an offset. Used by one thread at a time. A record that its codec
 * refuses is skipped and counted, never returned, and never stops the reader.
 */
public interface LogReader<T> extends AutoCloseable {

  /**
   * The next records in order, at most a bounded number; waits up to {@code wait} when there is
   * none yet, and then returns an empty list.
   */
  List<LogRecord<T>> poll(Duration wait);

  /** The offset of the next record to be read. */
  long position();

  /**
   * The offset after the last record a reader may read now (for Kafka, the last stable offset: past
   * every committed transaction). Asked of the reader's own thread; a reader whose position has
   * reached it has read everything written so far.
   *
   * @throws LogUnavailableException when the log cannot tell now
   */
  long end();

  /** How many records were skipped as invalid since this reader opened. */
  long skipped();

  @Override
  void close();
}
