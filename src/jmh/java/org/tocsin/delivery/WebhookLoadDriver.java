package org.tocsin.delivery;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.tocsin.alert.AlertEvent;
import org.tocsin.alert.AlertLevel;
import org.tocsin.alert.AlertStatus;
import org.tocsin.alert.AreaWarning;
import org.tocsin.alert.MessageType;
import org.tocsin.cap.CapIssuer;
import org.tocsin.store.AuditKey;
import org.tocsin.store.Database;
import org.tocsin.store.Journal;

/**
 * One alert to 10,000 webhooks on loopback, 1% of which fail twice (503) and then recover: the time
 * from the alert event's journalling until every webhook has taken it, over real HTTP, with the
 * worker as {@code tocsin serve} runs it (64 senders) on the embedded database, or on {@code
 * -Dtocsin.bench.db=JDBC-URL}.
 */
public final class WebhookLoadDriver {

  private static final int WEBHOOKS = Integer.getInteger("tocsin.bench.webhooks", 10_000);

  private WebhookLoadDriver() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("webhook-load");
    String url = System.getProperty("tocsin.bench.db", Database.embeddedUrl(dir));
    Clock clock = Clock.systemUTC();
    try (Database database = Database.open(url, AuditKey.loadOrCreate(dir.resolve("audit.key")));
        WebhookReceiver receiver = new WebhookReceiver()) {
      Webhooks webhooks = new Webhooks(database, clock);
      for (int i = 0; i < WEBHOOKS; i++) {
        String path = "/w/" + i;
        WebhookSubscriber added =
            webhooks.addForAreas(receiver.url(path), List.of("A1"), AlertLevel.PREPARE);
        receiver.expect(path, added.secret());
        if (i % 100 == 0) {
          receiver.failNext(path, 2);
        }
      }
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      DeliveryWorker worker =
          new DeliveryWorker(
              database,
              new Payloads(
                  DeliveryTest.AREAS,
                  AlertStatus.EXERCISE,
                  new CapIssuer("tocsin@localhost", "bench001")),
              List.of(
                  Channel.webhooks(
                      webhooks,
                      new WebhookTransport(webhooks, clock),
                      "https://alerts.example.org",
                      64)),
              clock,
              new Random(),
              registry);
      worker.start();
      Instant now = clock.instant();
      long start = System.nanoTime();
      new Journal(database, clock)
          .appendAlertEvent(
              new AlertEvent(
                  "T1-1",
                  now,
                  "T1",
                  MessageType.ALERT,
                  List.of(new AreaWarning("A1", AlertLevel.SHELTER, 0.5, now.plusSeconds(600))),
                  "load",
                  Optional.empty()),
              List.of(Channels.WEBHOOK));
      Set<String> reached = new HashSet<>();
      while (reached.size() < WEBHOOKS) {
        if (System.nanoTime() - start > TimeUnit.MINUTES.toNanos(10)) {
          throw new IllegalStateException("only " + reached.size() + " reached in 10 min");
        }
        Thread.sleep(20);
        reached.clear();
        receiver.received().forEach(r -> reached.add(r.path()));
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      worker.close();
      Timer latency = registry.get("tocsin_delivery_latency").timer();
      System.out.printf(
          "%d webhooks (%s), 1%% failing twice: all delivered in %.2f s; %d taken, %d refused"
              + " with 503, %d repeats, %d bad signatures%n",
          WEBHOOKS,
          url.startsWith("jdbc:h2") ? "embedded H2" : "PostgreSQL",
          elapsed.toMillis() / 1000.0,
          receiver.received().size(),
          receiver.refused(),
          receiver.received().size() - WEBHOOKS,
          receiver.badSignatures());
      for (ValueAtPercentile p : latency.takeSnapshot().percentileValues()) {
        System.out.printf(
            "latency from the event to the answer, p%.0f: %.0f ms%n",
            p.percentile() * 100, p.value(TimeUnit.MILLISECONDS));
      }
      System.out.printf("latency max: %.0f ms%n", latency.max(TimeUnit.MILLISECONDS));
    }
  }
}
