package org.tocsin.delivery;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.tocsin.alert.AlertStatus;
import org.tocsin.cap.CapIssuer;
import org.tocsin.store.AuditKey;
import org.tocsin.store.Database;

/**
 * The delivery worker alone in a process of its own, as {@code tocsin serve} runs it, for {@link
 * DeliveryCrashIT} to kill: {@code DeliveryWorkerProcess JDBC-URL AUDIT-KEY LEASE-SECONDS}.
 */
public final class DeliveryWorkerProcess {

  private DeliveryWorkerProcess() {}

  public static void main(String[] args) throws InterruptedException {
    Clock clock = Clock.systemUTC();
    Database database = Database.open(args[0], AuditKey.load(Path.of(args[1])));
    Webhooks webhooks = new Webhooks(database, clock);
    DeliveryWorker worker =
        new DeliveryWorker(
            database,
            new Payloads(
                DeliveryTest.AREAS,
                AlertStatus.EXERCISE,
                new CapIssuer("tocsin@localhost", "crash001")),
            List.of(
                Channel.webhooks(
                    webhooks, new WebhookTransport(webhooks, clock), "http://localhost:8080", 32)),
            clock,
            new Random(),
            new SimpleMeterRegistry(),
            Duration.ofSeconds(Long.parseLong(args[2])));
    worker.start();
    System.out.println("delivering");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
