package org.tocsin.bus;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a record went in a log, once the log holds it durably.
 *
 * @param offset its position in the log: the first record is 0, each next one greater; a Kafka
 *     topic's offsets may leave gaps, never go back
 * @param time the log's time for the record (Kafka's log-append time: the broker's clock when it
 *     took the record), which readers use rather than their own clock
 */
public record Appended(long offset, Instant time) {

  public Appended {
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be at least 0, was " + offset);
    }
    Objects.requireNonNull(time, "time");
  }
}
