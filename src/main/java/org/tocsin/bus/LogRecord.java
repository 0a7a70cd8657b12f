package org.tocsin.bus;

import java.time.Instant;
import java.util.Objects;

/**
 * A record read back from a log, valid by its codec.
 *
 * @param offset its position in the log (see {@link Appended#offset()}): an alert event's id on the
 *     event stream
 * @param time the log's time for it (see {@link Appended#time()})
 * @param value what was appended
 */
public record LogRecord<T>(long offset, Instant time, T value) {

  public LogRecord {
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be at least 0, was " + offset);
    }
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(value, "value");
  }
}
