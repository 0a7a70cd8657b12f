package org.tocsin.web;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tocsin.alert.AlertStatus;
import org.tocsin.alert.WarningPipeline;
import org.tocsin.area.AreaSet;
import org.tocsin.area.AreaSets;
import org.tocsin.ingest.ReportJson;
import org.tocsin.node.LiveWarnings;
import org.tocsin.node.ReportJournal;
import org.tocsin.node.StoreJournal;
import org.tocsin.sim.Scenario;
import org.tocsin.sim.ScenarioLoader;
import org.tocsin.sim.ScenarioTruth;
import org.tocsin.sim.SyntheticSensors;
import org.tocsin.track.Observation;
import org.tocsin.track.RadarPlot;

/**
 * A load driver for the server, over real HTTP on loopback:
 *
 * <ol>
 *   <li>latency: the Dnipro reports posted batch by batch, as the sensors would send them; for
 *       every batch that causes alert events, the time from sending the POST to each event arriving
 *       on an SSE stream;
 *   <li>throughput: batches of 100 radar plots posted back to back from two connections for ten
 *       seconds; plots accepted per second.
 * </ol>
 *
 * <p>Run: {@code ./mvnw -B -Pbench clean test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.tocsin.web.IngestLoadDriver}; add {@code
 * -Dtocsin.load.postgres=jdbc:postgresql://127.0.0.1:5432/DB?user=postgres} to measure the journal
 * on PostgreSQL too. Bounded: it stops by itself and sends only to 127.0.0.1.
 */
public final class IngestLoadDriver {

  private static final Pattern EVENT_ID = Pattern.compile("\"id\":\"([^\"]+)\"");

  private IngestLoadDriver() {}

  public static void main(String[] args) throws Exception {
    Scenario scenario =
        ScenarioLoader.load(java.nio.file.Path.of("scenarios", "dnipro-2024-11-21.yaml"));
    AreaSet areas = AreaSets.bundled(scenario.areas());
    List<Observation> reports = SyntheticSensors.observe(scenario, ScenarioTruth.of(scenario));
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("tocsin-load");
    latency("cold, no journal", scenario, areas, reports, ReportJournal.NONE);
    latency("warm, no journal", scenario, areas, reports, ReportJournal.NONE);
    throughput("no journal", scenario, areas, reports, ReportJournal.NONE);
    try (org.tocsin.store.Database h2 = org.tocsin.store.Database.openEmbedded(dir.resolve("h2"))) {
      latency("journal on embedded H2", scenario, areas, reports, journal(h2));
      throughput("journal on embedded H2", scenario, areas, reports, journal(h2));
    }
    String postgres = System.getProperty("tocsin.load.postgres");
    if (postgres != null) {
      org.tocsin.store.AuditKey key =
          org.tocsin.store.AuditKey.loadOrCreate(dir.resolve("pg-audit.key"));
      try (org.tocsin.store.Database pg = org.tocsin.store.Database.open(postgres, key)) {
        latency("journal on PostgreSQL", scenario, areas, reports, journal(pg));
        throughput("journal on PostgreSQL", scenario, areas, reports, journal(pg));
      }
    }
    System.exit(0);
  }

  private static ReportJournal journal(org.tocsin.store.Database database) {
    return new StoreJournal(new org.tocsin.store.Journal(database, java.time.Clock.systemUTC()));
  }

  private static void latency(
      String label,
      Scenario scenario,
      AreaSet areas,
      List<Observation> reports,
      ReportJournal journal)
      throws Exception {
    org.tocsin.store.MutableClock clock = new org.tocsin.store.MutableClock(scenario.start());
    LiveWarnings live =
        new LiveWarnings(new WarningPipeline(scenario.policy(), areas), clock, AlertStatus.TEST, 1);
    HashedSensorKeys keys = new HashedSensorKeys();
    Map<String, String> keyBySensor = new ConcurrentHashMap<>();
    reports.forEach(r -> keyBySensor.computeIfAbsent(r.sensorId(), keys::add));
    try (WebServer server =
        WebServer.start(live, areas, ServerOptions.defaults(0, keys).withRate(1e6, 1e6))) {
      HttpClient http = HttpClient.newHttpClient();
      Map<String, Long> arrivedNs = new ConcurrentHashMap<>();
      CountDownLatch connected = new CountDownLatch(1);
      Thread listener = new Thread(() -> listen(http, server.port(), arrivedNs, connected));
      listener.setDaemon(true);
      listener.start();
      connected.await();
      Thread.sleep(200);
      // One POST per sensor and instant: each sensor sends its own reports.
      TreeMap<String, List<Observation>> batches = new TreeMap<>();
      reports.forEach(
          r ->
              batches
                  .computeIfAbsent(r.time() + " " + r.sensorId(), t -> new ArrayList<>())
                  .add(r));
      Map<String, Long> sentNs = new ConcurrentHashMap<>();
      List<Double> roundTripsMs = new ArrayList<>();
      for (Map.Entry<String, List<Observation>> batch : batches.entrySet()) {
        clock.set(batch.getValue().get(0).time());
        String sensor = batch.getValue().get(0).sensorId();
        long start = System.nanoTime();
        HttpResponse<String> response =
            post(http, server.port(), keyBySensor.get(sensor), ReportJson.write(batch.getValue()));
        roundTripsMs.add((System.nanoTime() - start) / 1e6);
        if (response.statusCode() != 202) {
          throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
        Matcher ids = Pattern.compile("\"events\":\\[([^\\]]*)]").matcher(response.body());
        if (ids.find() && !ids.group(1).isEmpty()) {
          for (String id : ids.group(1).replace("\"", "").split(",")) {
            sentNs.put(id, start);
          }
        }
      }
      Thread.sleep(500);
      double[] eventLatencies =
          sentNs.entrySet().stream()
              .filter(e -> arrivedNs.containsKey(e.getKey()))
              .mapToDouble(e -> (arrivedNs.get(e.getKey()) - e.getValue()) / 1e6)
              .sorted()
              .toArray();
      double[] posts = roundTripsMs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      System.out.printf(
          "latency (%s): %d batches posted; POST round trip p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
          label, posts.length, pct(posts, 0.5), pct(posts, 0.99), posts[posts.length - 1]);
      System.out.printf(
          "latency (%s): %d of %d alert events seen on SSE; POST sent to SSE event received p50"
              + " %.2f ms, p99 %.2f ms, max %.2f ms%n",
          label,
          eventLatencies.length,
          sentNs.size(),
          pct(eventLatencies, 0.5),
          pct(eventLatencies, 0.99),
          eventLatencies.length == 0 ? Double.NaN : eventLatencies[eventLatencies.length - 1]);
    }
  }

  private static void throughput(
      String label,
      Scenario scenario,
      AreaSet areas,
      List<Observation> reports,
      ReportJournal journal)
      throws Exception {
    List<Observation> plots = reports.stream().filter(r -> r instanceof RadarPlot).toList();
    org.tocsin.store.MutableClock clock =
        new org.tocsin.store.MutableClock(scenario.start().plusSeconds(600));
    LiveWarnings live =
        new LiveWarnings(new WarningPipeline(scenario.policy(), areas), clock, AlertStatus.TEST, 1);
    HashedSensorKeys keys = new HashedSensorKeys();
    String key = keys.add(plots.get(0).sensorId());
    try (WebServer server =
        WebServer.start(live, areas, ServerOptions.defaults(0, keys).withRate(1e6, 1e6))) {
      int batchSize = 100;
      List<String> bodies = new ArrayList<>();
      for (int i = 0; i + batchSize <= plots.size(); i += batchSize) {
        bodies.add(ReportJson.write(plots.subList(i, i + batchSize)));
      }
      AtomicLong accepted = new AtomicLong();
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      long started = System.nanoTime();
      List<Thread> clients = new ArrayList<>();
      for (int c = 0; c < 2; c++) {
        Thread client =
            new Thread(
                () -> {
                  HttpClient http = HttpClient.newHttpClient();
                  int next = 0;
                  while (System.nanoTime() < deadline) {
                    try {
                      HttpResponse<String> response =
                          post(http, server.port(), key, bodies.get(next++ % bodies.size()));
                      if (response.statusCode() == 202) {
                        accepted.addAndGet(batchSize);
                      }
                    } catch (Exception e) {
                      throw new IllegalStateException(e);
                    }
                  }
                });
        clients.add(client);
        client.start();
      }
      for (Thread client : clients) {
        client.join();
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      System.out.printf(
          "throughput (%s): %d radar plots accepted in %.1f s over 2 connections, batches of %d:"
              + " %.0f plots/s%n",
          label, accepted.get(), seconds, batchSize, accepted.get() / seconds);
    }
  }

  private static void listen(
      HttpClient http, int port, Map<String, Long> arrivedNs, CountDownLatch connected) {
    try {
      HttpResponse<java.io.InputStream> response =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/events"))
                  .header("Accept", "text/event-stream")
                  .build(),
              HttpResponse.BodyHandlers.ofInputStream());
      connected.countDown();
      try (BufferedReader reader =
          new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          if (line.startsWith("data:")) {
            long now = System.nanoTime();
            Matcher id = EVENT_ID.matcher(line);
            if (id.find()) {
              arrivedNs.putIfAbsent(id.group(1), now);
            }
          }
        }
      }
    } catch (Exception e) {
      connected.countDown();
    }
  }

  private static HttpResponse<String> post(HttpClient http, int port, String key, String body)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/reports"))
            .header("Authorization", "Bearer " + key)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static double pct(double[] sorted, double share) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[Math.max(0, (int) Math.ceil(share * sorted.length) - 1)];
  }
}
