package org.tocsin.bus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One broker for all the bus's integration tests in this JVM: a start costs seconds on a loaded
 * machine. Each test takes topics and a group of its own ({@link #settings()}). The broker is
 * killed when the JVM ends (its shutdown hook), and halts by itself if the JVM is killed.
 */
final class SharedBroker {

  private static final AtomicInteger NAMES = new AtomicInteger();
  private static KafkaBroker broker;

  private SharedBroker() {}

  static synchronized KafkaBroker get() {
    if (broker == null) {
      try {
        broker = KafkaBroker.startTemporary();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      System.out.println(
          "Kafka broker on "
              + broker.bootstrapServers()
              + " started in "
              + broker.lastStartTime().toMillis()
              + " ms (log: "
              + broker.logFile()
              + ")");
    }
    return broker;
  }

  /** Settings for one replica, with names no other test uses. */
  static KafkaSettings settings() {
    return KafkaSettings.production(get().bootstrapServers())
        .withOneReplica()
        .withNamePrefix("t" + NAMES.incrementAndGet() + ".");
  }
}
