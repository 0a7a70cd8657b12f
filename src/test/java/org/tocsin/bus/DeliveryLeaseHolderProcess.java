package org.tocsin.bus;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A node that holds a delivery lease in a JVM of its own, so that a test can kill it without
 * goodbye (SIGKILL). It prints {@code owned N,N,…} each time its partitions change (the empty set
 * as {@code owned }), and gives them up when its standard input closes.
 *
 * <p>Arguments: bootstrap servers, reports topic, events topic, engine group, delivery topic,
 * delivery group.
 */
public final class DeliveryLeaseHolderProcess {

  private DeliveryLeaseHolderProcess() {}

  public static void main(String[] args) throws IOException, InterruptedException {
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
            Duration.ofSeconds(30));
    DeliveryLease lease = KafkaBus.connect(settings, "child").deliveryLease();
    Thread watcher =
        new Thread(
            () -> {
              Set<Integer> told = null;
              while (true) {
                Set<Integer> owned = new TreeSet<>(lease.owned());
                if (!owned.equals(told)) {
                  System.out.println(
                      "owned "
                          + owned.stream().map(String::valueOf).collect(Collectors.joining(",")));
                  System.out.flush();
                  told = owned;
                }
                try {
                  Thread.sleep(20);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "owned-watcher");
    watcher.setDaemon(true);
    watcher.start();
    try {
      while (System.in.read() >= 0) {
        // Waits for the parent to close the pipe, or to die.
      }
    } finally {
      lease.close();
    }
  }
}
