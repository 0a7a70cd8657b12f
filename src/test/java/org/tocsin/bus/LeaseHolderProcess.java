package org.tocsin.bus;

import java.io.IOException;

/**
 * A node that contends for the engine role in a JVM of its own, so that a test can kill it without
 * goodbye (SIGKILL). It prints {@code acquired} and {@code lost} as they happen, and gives the role
 * up when its standard input closes.
 *
 * <p>Arguments: bootstrap servers, reports topic, events topic, engine group, delivery topic,
 * delivery group.
 */
public final class LeaseHolderProcess {

  private LeaseHolderProcess() {}

  public static void main(String[] args) throws IOException {
    KafkaSettings settings =
        new KafkaSettings(
            args[0],
            args[1],
            args[2],
            args[3],
            args[4],
            args[5],
            (short) 1,
            1,
            java.time.Duration.ofSeconds(30));
    KafkaBus bus = KafkaBus.connect(settings, "child");
    EngineLease lease =
        bus.engineLease(
            new LeaseListener() {
              @Override
              public void acquired() {
                System.out.println("acquired");
                System.out.flush();
              }

              @Override
              public void lost() {
                System.out.println("lost");
                System.out.flush();
              }
            });
    try {
      while (System.in.read() >= 0) {
        // Waits for the parent to close the pipe, or to die.
      }
    } finally {
      lease.close();
    }
  }
}
