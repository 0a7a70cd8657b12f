package org.tocsin.web;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.tocsin.alert.AlertStatus;
import org.tocsin.alert.WarningPipeline;
import org.tocsin.area.AreaSet;
import org.tocsin.area.AreaSets;
import org.tocsin.geo.GeoPoint;
import org.tocsin.ingest.ReportJson;
import org.tocsin.node.LiveWarnings;
import org.tocsin.node.ReplayClock;
import org.tocsin.node.StoreJournal;
import org.tocsin.sim.Scenario;
import org.tocsin.sim.ScenarioLoader;
import org.tocsin.sim.ScenarioTruth;
import org.tocsin.sim.SyntheticSensors;
import org.tocsin.store.Database;
import org.tocsin.store.Journal;
import org.tocsin.store.Role;
import org.tocsin.track.Observation;
import org.tocsin.track.RadarMeasurement;
import org.tocsin.track.RadarPlot;

/**
 * A soak of the server under attack, over real HTTP on loopback, bounded in time and in load:
 *
 * <ul>
 *   <li>the Dnipro reports replayed in rounds at 20× speed by their sensors, each with its key, at
 *       the replay's present time, into a server with a journal (embedded H2) and a console;
 *   <li>2,000 SSE clients at once, each leaving after 5 to 60 s and replaced by a new one;
 *   <li>50 bogus logins a second against the approver's name and unknown names;
 *   <li>a sensor flooding random radar plots at its rate limit;
 *   <li>the approver logging in with the right password every 30 s;
 *   <li>one watcher on the event stream for the whole run, resuming with {@code Last-Event-ID}.
 * </ul>
 *
 * <p>It prints heap (after a GC) and threads at the start and the end, the legitimate sensors'
 * ingest latency, whether every legitimate report was accepted and every event delivered to the
 * watcher, and the approver's logins.
 *
 * <p>Run: {@code ./mvnw -B -Pbench clean test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.tocsin.web.SoakLoadDriver -Dtocsin.soak.minutes=10}.
 */
public final class SoakLoadDriver {

  private static final double SPEED = 20;
  private static final int SSE_CLIENTS = 2_000;
  private static final int BOGUS_LOGINS_PER_SECOND = 50;
  private static final String APPROVER = "petro";
  private static final String PASSWORD = "correct horse battery staple";

  /** The driver's own threads, bounded, so that the server's are what the thread count shows. */
  private final java.util.concurrent.ExecutorService clientThreads =
      Executors.newFixedThreadPool(8, runnable -> daemonThread("soak-client", runnable));

  /** The attackers' threads, apart: their blocking sockets must never stall the HTTP client's. */
  private final java.util.concurrent.ExecutorService attackers =
      Executors.newFixedThreadPool(16, runnable -> daemonThread("soak-attacker", runnable));

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .executor(clientThreads)
          .build();
  private final ScheduledExecutorService load = Executors.newScheduledThreadPool(4);
  private final List<Long> ingestNanos = Collections.synchronizedList(new ArrayList<>());
  private final AtomicLong legitimatePosted = new AtomicLong();
  private final AtomicLong legitimateRefused = new AtomicLong();
  private final List<String> refusals = new CopyOnWriteArrayList<>();
  private final AtomicLong floodAccepted = new AtomicLong();
  private final AtomicLong floodLimited = new AtomicLong();
  private final AtomicLong bogusLogins = new AtomicLong();
  private final AtomicLong sseOpened = new AtomicLong();
  private final AtomicLong sseRefused = new AtomicLong();
  private final AtomicLong sseLive = new AtomicLong();
  private final List<Long> approverLoginNanos = Collections.synchronizedList(new ArrayList<>());
  private final AtomicLong approverRefused = new AtomicLong();
  private final Set<String> published = ConcurrentHashMap.newKeySet();
  private final Set<String> watched = ConcurrentHashMap.newKeySet();
  private volatile String lastWatchedId;
  private volatile boolean running = true;
  private int port;

  private SoakLoadDriver() {}

  public static void main(String[] args) throws Exception {
    new SoakLoadDriver().run(Duration.ofMinutes(Long.getLong("tocsin.soak.minutes", 10)));
    System.exit(0);
  }

  private void run(Duration length) throws Exception {
    Scenario scenario = ScenarioLoader.load(Path.of("scenarios", "dnipro-2024-11-21.yaml"));
    AreaSet areas = AreaSets.bundled(scenario.areas());
    List<Observation> reports = SyntheticSensors.observe(scenario, ScenarioTruth.of(scenario));
    Path dir = Files.createTempDirectory("tocsin-soak");
    ReplayClock clock = new ReplayClock(Clock.systemUTC(), Instant.now(), SPEED);
    try (Database database = Database.openEmbedded(dir)) {
      Journal journal = new Journal(database, clock);
      LiveWarnings live =
          new LiveWarnings(
              new WarningPipeline(scenario.policy(), areas),
              clock,
              AlertStatus.EXERCISE,
              SPEED,
              new StoreJournal(journal));
      live.subscribe(event -> published.add(event.event().id()));
      OperatorAuth auth = OperatorAuth.on(database, Clock.systemUTC(), Duration.ofMinutes(15));
      auth.accounts().create(APPROVER, Role.APPROVER, PASSWORD.toCharArray());
      HashedSensorKeys keys = new HashedSensorKeys();
      Map<String, String> keyBySensor = new ConcurrentHashMap<>();
      reports.forEach(r -> keyBySensor.computeIfAbsent(r.sensorId(), keys::add));
      String floodKey = keys.add("flood-1");
      ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
      try (WebServer server =
          WebServer.start(
              live,
              areas,
              // Every client of the soak shares 127.0.0.1, standing in for thousands of addresses.
              ServerOptions.defaults(0, keys)
                  .withOperators(auth)
                  .withMaxConnectionsPerClient(8_192))) {
        port = server.port();
        clock.start();
        ticker.scheduleAtFixedRate(live::tickQuietly, 50, 50, TimeUnit.MILLISECONDS);
        approverLogin(); // from its usual address, before the attack
        Thread.sleep(2_000);
        long heapStart = heapAfterGc();
        int threadsStart = ManagementFactory.getThreadMXBean().getThreadCount();
        System.out.printf("start: heap %d MiB, threads %d%n", heapStart >> 20, threadsStart);

        Thread watcher = daemon("watcher", this::watch);
        Thread sensors =
            daemon("sensors", () -> replay(scenario, reports, keyBySensor, clock, length));
        startSseChurn();
        load.scheduleAtFixedRate(this::bogusLogins, 0, 1, TimeUnit.SECONDS);
        load.scheduleAtFixedRate(() -> flood(floodKey, clock), 0, 100, TimeUnit.MILLISECONDS);
        load.scheduleAtFixedRate(this::approverLogin, 5, 30, TimeUnit.SECONDS);
        long endNanos = System.nanoTime() + length.toNanos();
        while (System.nanoTime() < endNanos) {
          Thread.sleep(30_000);
          System.out.printf(
              "… %s: posts %d (refused %d), events %d/%d watched, SSE live %d opened %d refused"
                  + " %d, bogus logins %d, flood %d/%d limited, heap %d MiB, threads %d%n",
              Instant.now(),
              legitimatePosted.get(),
              legitimateRefused.get(),
              watched.size(),
              published.size(),
              sseLive.get(),
              sseOpened.get(),
              sseRefused.get(),
              bogusLogins.get(),
              floodAccepted.get(),
              floodLimited.get(),
              Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory() >> 20,
              ManagementFactory.getThreadMXBean().getThreadCount());
        }
        running = false;
        load.shutdownNow();
        sensors.join(30_000);
        Thread.sleep(15_000); // the clients leave, the last events arrive
        watcher.interrupt();
        long heapEnd = heapAfterGc();
        int threadsEnd = ManagementFactory.getThreadMXBean().getThreadCount();
        report(length, heapStart, threadsStart, heapEnd, threadsEnd);
      } finally {
        ticker.shutdownNow();
      }
    }
  }

  private void report(
      Duration length, long heapStart, int threadsStart, long heapEnd, int threadsEnd) {
    List<Long> sorted = new ArrayList<>(ingestNanos);
    Collections.sort(sorted);
    List<Long> logins = new ArrayList<>(approverLoginNanos);
    Collections.sort(logins);
    Set<String> missed = new java.util.TreeSet<>(published);
    missed.removeAll(watched);
    System.out.println();
    System.out.println("| soak, " + length.toMinutes() + " min | value |");
    System.out.println("|---|---|");
    System.out.printf(
        "| heap after GC, start → end | %d → %d MiB |%n", heapStart >> 20, heapEnd >> 20);
    System.out.printf("| threads, start → end | %d → %d |%n", threadsStart, threadsEnd);
    System.out.println("| threads at the end, by name | " + threadGroups() + " |");
    System.out.printf(
        "| legitimate posts accepted | %d of %d |%n",
        legitimatePosted.get() - legitimateRefused.get(), legitimatePosted.get());
    System.out.printf(
        "| ingest latency p50 / p99 / max | %.1f / %.1f / %.1f ms |%n",
        percentile(sorted, 0.50) / 1e6,
        percentile(sorted, 0.99) / 1e6,
        sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1e6);
    System.out.printf(
        "| events delivered to the watcher | %d of %d |%n",
        published.size() - missed.size(), published.size());
    System.out.printf(
        "| SSE clients opened / refused | %d / %d |%n", sseOpened.get(), sseRefused.get());
    System.out.printf("| bogus logins sent | %d |%n", bogusLogins.get());
    System.out.printf(
        "| approver logins ok / refused, p99 | %d / %d, %.0f ms |%n",
        logins.size(), approverRefused.get(), percentile(logins, 0.99) / 1e6);
    System.out.printf(
        "| flood reports accepted / requests limited | %d / %d |%n",
        floodAccepted.get(), floodLimited.get());
    refusals.stream().limit(5).forEach(r -> System.out.println("refused: " + r));
    missed.stream().limit(5).forEach(id -> System.out.println("missed: " + id));
  }

  /** The live threads counted by name without digits: the server's apart from the driver's. */
  private static String threadGroups() {
    java.util.Map<String, Long> groups =
        Thread.getAllStackTraces().keySet().stream()
            .collect(
                java.util.stream.Collectors.groupingBy(
                    thread -> thread.getName().replaceAll("[-#]?\\d+", ""),
                    java.util.TreeMap::new,
                    java.util.stream.Collectors.counting()));
    return groups.entrySet().stream()
        .filter(group -> group.getValue() > 1)
        .map(group -> group.getKey() + " " + group.getValue())
        .collect(java.util.stream.Collectors.joining(", "));
  }

  private static double percentile(List<Long> sorted, double q) {
    return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, q * sorted.size()));
  }

  private static long heapAfterGc() throws InterruptedException {
    System.gc();
    Thread.sleep(500);
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static Thread daemonThread(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    return thread;
  }

  private static Thread daemon(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** The scenario's reports in rounds, each batch posted by its sensor at its replay time. */
  private void replay(
      Scenario scenario,
      List<Observation> reports,
      Map<String, String> keyBySensor,
      ReplayClock clock,
      Duration length) {
    Instant first = reports.get(0).time();
    Instant last = reports.get(reports.size() - 1).time();
    Duration round = Duration.between(first, last).plusMinutes(5);
    Instant origin = clock.origin().plusSeconds(10);
    TreeMap<Instant, Map<String, List<Observation>>> batches = new TreeMap<>();
    for (Observation report : reports) {
      batches
          .computeIfAbsent(report.time(), t -> new TreeMap<>())
          .computeIfAbsent(report.sensorId(), s -> new ArrayList<>())
          .add(report);
    }
    for (int n = 0; running; n++) {
      Duration offset = Duration.between(first, origin).plus(round.multipliedBy(n));
      for (Map.Entry<Instant, Map<String, List<Observation>>> batch : batches.entrySet()) {
        Instant at = batch.getKey().plus(offset);
        sleepUntil(clock, at);
        if (!running) {
          return;
        }
        for (Map.Entry<String, List<Observation>> bySensor : batch.getValue().entrySet()) {
          List<Observation> shifted =
              bySensor.getValue().stream().map(o -> o.shiftedBy(offset)).toList();
          post(keyBySensor.get(bySensor.getKey()), ReportJson.write(shifted));
        }
      }
    }
  }

  private void sleepUntil(ReplayClock clock, Instant at) {
    try {
      Thread.sleep(clock.wallDelayUntil(at).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  private void post(String key, String body) {
    long start = System.nanoTime();
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(uri("/api/v1/reports"))
                  .header("Authorization", "Bearer " + key)
                  .header("Content-Type", "application/json")
                  .timeout(Duration.ofSeconds(60))
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      ingestNanos.add(System.nanoTime() - start);
      legitimatePosted.incrementAndGet();
      if (response.statusCode() != 202) {
        legitimateRefused.incrementAndGet();
        refusals.add(response.statusCode() + " " + response.body());
      }
    } catch (Exception e) {
      legitimatePosted.incrementAndGet();
      legitimateRefused.incrementAndGet();
      refusals.add(e.toString());
    }
  }

  /** Twenty random plots every 100 ms: the flooding sensor's whole rate of reports. */
  private void flood(String key, ReplayClock clock) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    List<Observation> plots = new ArrayList<>();
    Instant now = clock.instant();
    for (int i = 0; i < 20; i++) {
      plots.add(
          new RadarPlot(
              "flood-1",
              now,
              new GeoPoint(50.0, 30.0, 100),
              new RadarMeasurement(
                  random.nextDouble(100_000, 900_000),
                  random.nextDouble(0, 2 * Math.PI),
                  Math.toRadians(random.nextDouble(1, 60))),
              100,
              1e-3,
              1e-3));
    }
    http.sendAsync(
            HttpRequest.newBuilder(uri("/api/v1/reports"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ReportJson.write(plots)))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .thenAccept(
            response -> {
              if (response.statusCode() == 202) {
                floodAccepted.addAndGet(plots.size());
              } else {
                floodLimited.incrementAndGet();
              }
            });
  }

  private final Semaphore loginsInFlight = new Semaphore(100);

  /**
   * Fifty wrong logins a second, half on the approver's name, from attackers' addresses (127.0.0.2
   * to 127.0.0.201: Linux routes all of 127/8 to loopback), never the approver's own. Each is one
   * HTTP/1.1 request on a socket of its own.
   */
  private void bogusLogins() {
    for (int i = 0; i < BOGUS_LOGINS_PER_SECOND; i++) {
      if (!loginsInFlight.tryAcquire()) {
        return;
      }
      String name = i % 2 == 0 ? APPROVER : "nobody-" + ThreadLocalRandom.current().nextInt(1000);
      String from = "127.0.0." + (2 + ThreadLocalRandom.current().nextInt(200));
      bogusLogins.incrementAndGet();
      attackers.execute(
          () -> {
            try {
              rawLogin(from, name, "wrong-password");
            } finally {
              loginsInFlight.release();
            }
          });
    }
  }

  private void rawLogin(String from, String name, String password) {
    String body = "{\"name\":\"" + name + "\",\"password\":\"" + password + "\"}";
    try (java.net.Socket socket = new java.net.Socket()) {
      socket.bind(new java.net.InetSocketAddress(from, 0));
      socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(30_000);
      String request =
          "POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
              + "Content-Length: "
              + body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
              + "\r\nConnection: close\r\n\r\n"
              + body;
      socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      socket.getInputStream().readAllBytes();
    } catch (java.io.IOException e) {
      // refused or cut off under load: an attacker does not care
    }
  }

  private HttpRequest login(String name, String password) {
    return HttpRequest.newBuilder(uri("/api/v1/session"))
        .header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(60))
        .POST(
            HttpRequest.BodyPublishers.ofString(
                "{\"name\":\"" + name + "\",\"password\":\"" + password + "\"}"))
        .build();
  }

  private void approverLogin() {
    long start = System.nanoTime();
    try {
      HttpResponse<String> response =
          http.send(login(APPROVER, PASSWORD), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 200 || response.statusCode() == 201) {
        approverLoginNanos.add(System.nanoTime() - start);
      } else {
        approverRefused.incrementAndGet();
        refusals.add("approver login: " + response.statusCode() + " " + response.body());
      }
    } catch (Exception e) {
      approverRefused.incrementAndGet();
    }
  }

  /** Keeps {@link #SSE_CLIENTS} clients connected, each leaving after 5 to 60 s. */
  private void startSseChurn() {
    for (int i = 0; i < SSE_CLIENTS; i++) {
      load.schedule(this::sseClient, i * 5L, TimeUnit.MILLISECONDS);
    }
  }

  private void sseClient() {
    if (!running) {
      return;
    }
    long stayMs = ThreadLocalRandom.current().nextLong(5_000, 60_000);
    http.sendAsync(
            HttpRequest.newBuilder(uri("/api/v1/events"))
                .header("Accept", "text/event-stream")
                .build(),
            info ->
                info.statusCode() == 200
                    ? HttpResponse.BodySubscribers.fromLineSubscriber(new Leaver(stayMs))
                    : HttpResponse.BodySubscribers.discarding())
        .whenComplete(
            (response, error) -> {
              if (error != null || response.statusCode() != 200) {
                // Refused (over the limit) or cut off: back in a while, as a browser would.
                sseRefused.incrementAndGet();
                load.schedule(this::sseClient, 3, TimeUnit.SECONDS);
              }
            });
  }

  /** An SSE client that reads lines and leaves after its time, making room for a new one. */
  private final class Leaver implements Flow.Subscriber<String> {
    private final long stayMs;

    Leaver(long stayMs) {
      this.stayMs = stayMs;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      sseOpened.incrementAndGet();
      sseLive.incrementAndGet();
      subscription.request(Long.MAX_VALUE);
      load.schedule(
          () -> {
            subscription.cancel();
            sseLive.decrementAndGet();
            sseClient();
          },
          stayMs,
          TimeUnit.MILLISECONDS);
    }

    @Override
    public void onNext(String line) {}

    @Override
    public void onError(Throwable throwable) {}

    @Override
    public void onComplete() {}
  }

  /** One client for the whole run, resuming after the last id it saw whenever it is cut off. */
  private void watch() {
    while (!Thread.currentThread().isInterrupted()) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(uri("/api/v1/events")).header("Accept", "text/event-stream");
      if (lastWatchedId != null) {
        request.header("Last-Event-ID", lastWatchedId);
      }
      try {
        HttpResponse<java.util.stream.Stream<String>> response =
            http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
        String id = null;
        for (String line : (Iterable<String>) response.body()::iterator) {
          if (line.startsWith("id:")) {
            id = line.substring(3).trim();
          } else if (line.startsWith("data:") && id != null) {
            java.util.regex.Matcher event =
                java.util.regex.Pattern.compile("\"id\":\"([^\"]+)\"").matcher(line);
            if (event.find()) {
              watched.add(event.group(1));
            }
            lastWatchedId = id;
          }
        }
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        // cut off: resume
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}
