package org.tocsin.delivery.webpush;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.tocsin.alert.AlertEvent;
import org.tocsin.alert.AlertLevel;
import org.tocsin.alert.AlertStatus;
import org.tocsin.alert.AreaWarning;
import org.tocsin.alert.MessageType;
import org.tocsin.area.AreaSet;
import org.tocsin.area.AreaSets;
import org.tocsin.cap.CapIssuer;
import org.tocsin.delivery.Channel;
import org.tocsin.delivery.Channels;
import org.tocsin.delivery.DeliveryWorker;
import org.tocsin.delivery.Payloads;
import org.tocsin.delivery.PushSubscriptions;
import org.tocsin.geo.GeoPoint;
import org.tocsin.store.Database;
import org.tocsin.store.Journal;
import org.tocsin.store.TestDatabase;

/**
 * Web Push end to end: one alert to N push subscriptions (all following Dnipropetrovsk oblast)
 * against a loopback push-service sink that answers 201 to every POST, through the journal, the
 * outbox, the delivery worker as {@code tocsin serve} runs it (its own loop, 64 senders) and the
 * Web Push client. It measures from the append of the alert event to the fan-out done (the
 * deliveries committed), the first and the last message accepted by the sink, the messages per
 * second and per CPU-second of the whole process, and samples the sender threads' stacks to say
 * where their time goes. Bounded in time; stops by itself.
 *
 * <p>System properties: {@code tocsin.push.subscriptions} (100000), {@code tocsin.push.db} ({@code
 * h2}, an embedded file in a temporary directory, or {@code postgresql}: a fresh schema on
 * 127.0.0.1:5432 db {@code test}, dropped at the end), {@code tocsin.push.insert} ({@code batch}:
 * the rows {@code PushSubscriptions.add} writes, by JDBC batches; or {@code add}, one call each),
 * {@code tocsin.push.senders} (64), {@code tocsin.push.minutes} (15, the bound).
 *
 * <p>Run: {@code ./mvnw -B -o -Pbench test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.tocsin.delivery.webpush.PushFanOutLoadDriver
 * -Dtocsin.push.subscriptions=100000}.
 */
public final class PushFanOutLoadDriver {

  private static final AreaSet OBLASTS = AreaSets.bundled("ua-oblasts");
  private static final int KEY_PAIRS = 300;
  private static final int INSERT_BATCH = 5_000;

  private final int count;
  private final AtomicIntegerArray hits;
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong malformed = new AtomicLong();
  private final AtomicLong firstAcceptedNanos = new AtomicLong();
  private final AtomicLong lastAcceptedNanos = new AtomicLong();
  private final Map<String, Long> senderSamples = new TreeMap<>();
  private final Map<String, Long> loopSamples = new TreeMap<>();

  private PushFanOutLoadDriver(int count) {
    this.count = count;
    this.hits = new AtomicIntegerArray(count);
  }

  public static void main(String[] args) throws Exception {
    int count = Integer.getInteger("tocsin.push.subscriptions", 100_000);
    if (count < 1 || count > PushSubscriptions.MAX_SUBSCRIPTIONS) {
      throw new IllegalArgumentException(
          "tocsin.push.subscriptions must be within [1, "
              + PushSubscriptions.MAX_SUBSCRIPTIONS
              + "], was "
              + count);
    }
    new PushFanOutLoadDriver(count).run();
    System.exit(0);
  }

  private void run() throws Exception {
    String backendName = System.getProperty("tocsin.push.db", "h2");
    TestDatabase.Backend backend =
        switch (backendName) {
          case "h2" -> TestDatabase.Backend.H2;
          case "postgresql" -> TestDatabase.Backend.POSTGRESQL;
          default ->
              throw new IllegalArgumentException(
                  "tocsin.push.db must be h2 or postgresql, was " + backendName);
        };
    String insert = System.getProperty("tocsin.push.insert", "batch");
    int senders = Integer.getInteger("tocsin.push.senders", 64);
    long boundNanos = Long.getLong("tocsin.push.minutes", 15) * 60_000_000_000L;
    long driverStart = System.nanoTime();
    Clock clock = Clock.systemUTC();
    String area = OBLASTS.containing(GeoPoint.of(48.46, 35.04)).orElseThrow().id();

    Path dir = Files.createTempDirectory("tocsin-push-bench");
    HttpServer sink = startSink();
    int port = sink.getAddress().getPort();
    try (TestDatabase db = TestDatabase.create(backend, dir)) {
      PushSubscriptions subscriptions = new PushSubscriptions(db.database(), clock);
      long storeStart = System.nanoTime();
      if (insert.equals("add")) {
        storeByAdd(subscriptions, port, area);
      } else if (insert.equals("batch")) {
        storeByBatch(db.database(), port, area, clock.instant());
      } else {
        throw new IllegalArgumentException(
            "tocsin.push.insert must be add or batch, was " + insert);
      }
      double storeSeconds = (System.nanoTime() - storeStart) / 1e9;
      System.err.printf(
          "stored %,d subscriptions by %s in %.1f s (%.0f/s)%n",
          count, insert, storeSeconds, count / storeSeconds);

      VapidKeys vapid = VapidKeys.generate();
      WebPushClient client = WebPushClient.create(vapid, "mailto:ops@tocsin.example", clock);
      Journal journal = new Journal(db.database(), clock);
      try (DeliveryWorker worker =
          new DeliveryWorker(
              db.database(),
              new Payloads(
                  OBLASTS, AlertStatus.EXERCISE, new CapIssuer("tocsin@localhost", "series01")),
              List.of(
                  Channel.push(
                      subscriptions, new WebPushTransport(subscriptions, client, clock), senders)),
              clock,
              new Random(3),
              new SimpleMeterRegistry())) {
        worker.start(); // running, as in a server, before the alert comes

        Instant now = clock.instant();
        AlertEvent event =
            new AlertEvent(
                "T1-1",
                now,
                "T1",
                MessageType.ALERT,
                List.of(new AreaWarning(area, AlertLevel.SHELTER, 0.5, now.plusSeconds(420))),
                "benchmark",
                Optional.empty());
        long cpuStart = processCpuNs();
        long appendNanos = System.nanoTime();
        journal.appendAlertEvent(event, List.of(Channels.PUSH));
        long appendedNanos = System.nanoTime();

        long fanOutDoneNanos = 0;
        long lastProgress = 0;
        long lastSample = 0;
        long deadline = driverStart + boundNanos;
        while (System.nanoTime() < deadline) {
          long t = System.nanoTime();
          if (fanOutDoneNanos == 0 && outboxDelivered(db.database())) {
            fanOutDoneNanos = t;
          }
          if (t - lastSample >= 50_000_000L) {
            sampleStacks();
            lastSample = t;
          }
          if (t - lastProgress >= 1_000_000_000L) {
            System.err.printf(
                "%6.1f s: fan-out %s, accepted %,d of %,d%n",
                (t - appendNanos) / 1e9,
                fanOutDoneNanos == 0 ? "running" : "done",
                accepted.get(),
                count);
            lastProgress = t;
          }
          if (accepted.get() + malformed.get() >= count) {
            break;
          }
          Thread.sleep(5);
        }
        long cpuNs = processCpuNs() - cpuStart;
        report(
            backendName,
            insert,
            senders,
            appendNanos,
            appendedNanos,
            fanOutDoneNanos,
            cpuNs,
            deliveryCounts(db.database()));
      }
    } finally {
      sink.stop(0);
    }
  }

  /** The sink: 201 to every POST on /push/&lt;i&gt; carrying an aes128gcm body and VAPID. */
  private HttpServer startSink() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1_024);
    ExecutorService threads =
        Executors.newFixedThreadPool(
            8,
            runnable -> {
              Thread thread = new Thread(runnable, "sink");
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(threads);
    server.createContext("/push/", this::accept);
    server.start();
    return server;
  }

  private void accept(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      int index = indexOf(exchange.getRequestURI().getPath());
      boolean wellFormed =
          exchange.getRequestMethod().equals("POST")
              && index >= 0
              && "aes128gcm".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))
              && exchange.getRequestHeaders().getFirst("Authorization") != null
              && body.length > 86; // the aes128gcm header (86 bytes with the key) and a record
      if (!wellFormed) {
        malformed.incrementAndGet();
        exchange.sendResponseHeaders(400, -1);
        return;
      }
      exchange.sendResponseHeaders(201, -1);
      long now = System.nanoTime();
      hits.incrementAndGet(index);
      firstAcceptedNanos.compareAndSet(0, now);
      lastAcceptedNanos.accumulateAndGet(now, Math::max);
      accepted.incrementAndGet();
    }
  }

  private int indexOf(String path) {
    try {
      int index = Integer.parseInt(path.substring("/push/".length()));
      return index >= 0 && index < count ? index : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** A few hundred browser key pairs, reused round-robin: keys are checked, not decrypted. */
  private static String[] publicKeys() {
    SecureRandom random = new SecureRandom();
    FixedPointCombMultiplier comb = new FixedPointCombMultiplier();
    String[] keys = new String[KEY_PAIRS];
    for (int i = 0; i < KEY_PAIRS; i++) {
      keys[i] =
          Base64Url.encode(
              comb.multiply(P256.G, P256.randomScalar(random)).normalize().getEncoded(false));
    }
    return keys;
  }

  private static String randomText(SecureRandom random, int bytes) {
    byte[] value = new byte[bytes];
    random.nextBytes(value);
    return Base64Url.encode(value);
  }

  /** Through the API's own method, a client address per {@code MAX_PER_CLIENT} subscriptions. */
  private void storeByAdd(PushSubscriptions subscriptions, int port, String area) {
    String[] keys = publicKeys();
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < count; i++) {
      subscriptions.add(
          "http://127.0.0.1:" + port + "/push/" + i,
          keys[i % keys.length],
          randomText(random, 16),
          List.of(area),
          "bench-client-" + i / PushSubscriptions.MAX_PER_CLIENT);
      if (i % 10_000 == 9_999) {
        System.err.printf("stored %,d%n", i + 1);
      }
    }
  }

  /** The same rows {@code add} writes (id, keys, area, client, time, token hash), in batches. */
  private void storeByBatch(Database database, int port, String area, Instant createdAt) {
    String[] keys = publicKeys();
    SecureRandom random = new SecureRandom();
    OffsetDateTime created =
        OffsetDateTime.ofInstant(createdAt.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    for (int from = 0; from < count; from += INSERT_BATCH) {
      int start = from;
      int end = Math.min(count, from + INSERT_BATCH);
      database.inTransaction(
          "store benchmark push subscriptions",
          connection -> {
            try (PreparedStatement statement =
                connection.prepareStatement(
                    "INSERT INTO push_subscription (id, endpoint, p256dh, auth, area_ids,"
                        + " client_address, created_at, token_hash)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
              for (int i = start; i < end; i++) {
                statement.setString(1, "ps_" + randomText(random, 12));
                statement.setString(2, "http://127.0.0.1:" + port + "/push/" + i);
                statement.setString(3, keys[i % keys.length]);
                statement.setString(4, randomText(random, 16));
                statement.setString(5, area);
                statement.setString(6, "bench-client-" + i / PushSubscriptions.MAX_PER_CLIENT);
                statement.setObject(7, created);
                statement.setString(8, sha256Hex(randomText(random, 32)));
                statement.addBatch();
              }
              statement.executeBatch();
            }
            return null;
          });
    }
  }

  private static String sha256Hex(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static boolean outboxDelivered(Database database) {
    return database.inTransaction(
        "benchmark: is the fan-out done",
        connection -> {
          try (PreparedStatement statement =
                  connection.prepareStatement(
                      "SELECT COUNT(*) FROM outbox WHERE channel = 'push' AND status = 'delivered'");
              ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1) > 0;
          }
        });
  }

  private static Map<String, Long> deliveryCounts(Database database) {
    return database.inTransaction(
        "benchmark: deliveries by status",
        connection -> {
          Map<String, Long> counts = new TreeMap<>();
          try (PreparedStatement statement =
                  connection.prepareStatement(
                      "SELECT status, COUNT(*) FROM delivery GROUP BY status");
              ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
              counts.put(rows.getString(1), rows.getLong(2));
            }
          }
          return counts;
        });
  }

  /**
   * One sample of where each sender thread and the worker's loop are: the first frame, from the
   * top, that belongs to a part we can name.
   */
  private void sampleStacks() {
    for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
      String name = entry.getKey().getName();
      Map<String, Long> samples =
          name.equals("delivery-send")
              ? senderSamples
              : name.equals("delivery") ? loopSamples : null;
      if (samples != null) {
        samples.merge(classify(entry.getValue()), 1L, Long::sum);
      }
    }
  }

  private static String classify(StackTraceElement[] stack) {
    for (StackTraceElement frame : stack) {
      String at = frame.getClassName();
      if (at.startsWith("org.bouncycastle")
          || at.endsWith("WebPushEncryptor")
          || at.endsWith("VapidTokens")
          || at.startsWith("javax.crypto")
          || at.startsWith("com.sun.crypto")) {
        return "encryption and VAPID";
      }
      if (at.startsWith("org.h2")
          || at.startsWith("org.postgresql")
          || at.startsWith("com.zaxxer")
          || at.startsWith("org.tocsin.store")
          || at.equals("org.tocsin.delivery.Deliveries")
          || at.equals("org.tocsin.delivery.PushSubscriptions")) {
        return "database";
      }
      if (at.startsWith("jdk.internal.net.http")
          || at.startsWith("java.net.http")
          || at.endsWith("WebPushClient")
          || at.equals("java.util.concurrent.CompletableFuture")) {
        return "HTTP (sending, waiting for the answer)";
      }
      if (at.equals("java.util.concurrent.ThreadPoolExecutor")) {
        return "idle (nothing claimed for it)";
      }
      if (at.equals("org.tocsin.delivery.DeliveryWorker") && frame.getMethodName().equals("loop")) {
        return "idle (polling)";
      }
      if (at.startsWith("com.fasterxml.jackson")) {
        return "JSON";
      }
    }
    return "other";
  }

  private void report(
      String backend,
      String insert,
      int senders,
      long appendNanos,
      long appendedNanos,
      long fanOutDoneNanos,
      long cpuNs,
      Map<String, Long> deliveries) {
    int distinct = 0;
    int repeated = 0;
    for (int i = 0; i < count; i++) {
      int n = hits.get(i);
      distinct += n > 0 ? 1 : 0;
      repeated += Math.max(0, n - 1);
    }
    double lastSeconds =
        lastAcceptedNanos.get() == 0 ? Double.NaN : (lastAcceptedNanos.get() - appendNanos) / 1e9;
    System.out.println();
    System.out.printf(
        "| Web Push end to end, %,d subscriptions, %s, %s insert, %d senders | value |%n",
        count, backend, insert, senders);
    System.out.println("|---|---|");
    System.out.printf(
        "| append (journal + outbox row) | %.3f s |%n", (appendedNanos - appendNanos) / 1e9);
    System.out.printf(
        "| append → fan-out done (deliveries committed) | %s |%n",
        fanOutDoneNanos == 0
            ? "not seen"
            : String.format("%.2f s", (fanOutDoneNanos - appendNanos) / 1e9));
    System.out.printf(
        "| append → first accepted | %s |%n",
        firstAcceptedNanos.get() == 0
            ? "none"
            : String.format("%.2f s", (firstAcceptedNanos.get() - appendNanos) / 1e9));
    System.out.printf("| append → last accepted | %.2f s |%n", lastSeconds);
    System.out.printf(
        "| accepted (distinct subscriptions, repeats) / refused by the sink | %,d (%,d, %,d) / %,d |%n",
        accepted.get(), distinct, repeated, malformed.get());
    System.out.printf(
        "| messages/s, append → last accepted | %.0f |%n", accepted.get() / lastSeconds);
    if (fanOutDoneNanos != 0 && firstAcceptedNanos.get() != 0) {
      System.out.printf(
          "| messages/s, first → last accepted | %.0f |%n",
          accepted.get() / ((lastAcceptedNanos.get() - firstAcceptedNanos.get()) / 1e9));
    }
    System.out.printf(
        "| process CPU, append → end | %.1f s (%.0f messages per CPU-second) |%n",
        cpuNs / 1e9, accepted.get() / (cpuNs / 1e9));
    System.out.println("| deliveries by status | " + deliveries + " |");
    System.out.println("| sender threads sampled every 50 ms | " + shares(senderSamples) + " |");
    System.out.println("| worker loop sampled every 50 ms | " + shares(loopSamples) + " |");
    System.out.println("| CPU by thread, whole run | " + threadCpu() + " |");
  }

  /** CPU seconds of the live threads, grouped by name without digits, the busiest first. */
  private static String threadCpu() {
    java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<String, Long> byName = new TreeMap<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      long ns = threads.getThreadCpuTime(thread.getId());
      if (ns > 0) {
        byName.merge(thread.getName().replaceAll("[-#]?\\d+", ""), ns, Long::sum);
      }
    }
    StringBuilder out = new StringBuilder();
    byName.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(8)
        .forEach(
            e ->
                out.append(out.length() == 0 ? "" : ", ")
                    .append(e.getKey())
                    .append(String.format(" %.1f s", e.getValue() / 1e9)));
    return out.toString();
  }

  private static String shares(Map<String, Long> samples) {
    long total = samples.values().stream().mapToLong(Long::longValue).sum();
    StringBuilder out = new StringBuilder();
    samples.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(
            e ->
                out.append(out.length() == 0 ? "" : ", ")
                    .append(e.getKey())
                    .append(String.format(" %.0f%%", 100.0 * e.getValue() / total)));
    return out.toString();
  }

  private static long processCpuNs() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
