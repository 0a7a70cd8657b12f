package org.tocsin.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tocsin.bus.KafkaBroker;
import org.tocsin.store.SensorKeys;
import org.tocsin.store.TestDatabase;

/**
 * The {@code tocsin serve} processes of one setup, on a PostgreSQL schema of their own: a single
 * node without Kafka, or {@code n} nodes of a cluster on the broker with topics of their own. Which
 * node takes the reports and which serves the measured stream: for three nodes, two that do not run
 * the engine, so a report goes from one node through Kafka to the engine's node and its event
 * through Kafka to a third.
 */
final class NodeSet implements AutoCloseable {

  private final String name;
  private final TestDatabase database;
  private final List<NodeProcess> nodes;
  private final Map<String, String> keyBySensor;
  private final NodeProcess poster;
  private final NodeProcess engine;

  private NodeSet(
      String name,
      TestDatabase database,
      List<NodeProcess> nodes,
      Map<String, String> keyBySensor,
      NodeProcess poster,
      NodeProcess engine) {
    this.name = name;
    this.database = database;
    this.nodes = nodes;
    this.keyBySensor = keyBySensor;
    this.poster = poster;
    this.engine = engine;
  }

  /**
   * Starts a setup and waits until it serves (and, for a cluster, one node runs the engine).
   *
   * @param name the setup's name, for its folder, its topics and the table
   * @param nodeCount how many nodes; 0 for a single node without Kafka
   * @param broker the cluster's broker; null for a single node
   * @param sensors the sensors that post, each given a key in the setup's database
   * @param areas the warning-area set, as {@code --areas} takes it
   */
  static NodeSet start(
      String name, int nodeCount, KafkaBroker broker, Set<String> sensors, String areas, Path dir)
      throws IOException, SQLException, InterruptedException {
    Path home = Files.createDirectories(dir.resolve(name));
    TestDatabase database = TestDatabase.create(TestDatabase.Backend.POSTGRESQL, home);
    List<NodeProcess> nodes = new ArrayList<>();
    try {
      SensorKeys keys = new SensorKeys(database.database(), Clock.systemUTC());
      Map<String, String> keyBySensor = new HashMap<>();
      sensors.forEach(sensor -> keyBySensor.put(sensor, keys.add(sensor)));
      List<String> serve = new ArrayList<>();
      serve.addAll(
          List.of(
              "--db",
              database.url(),
              "--audit-key",
              database.auditKeyFile(),
              "--status",
              "exercise",
              "--areas",
              areas));
      if (broker != null) {
        serve.addAll(
            List.of(
                "--kafka",
                broker.bootstrapServers(),
                "--kafka-replicas",
                "1",
                "--kafka-prefix",
                name + "."));
      }
      // The first node makes the keys every node of a cluster shares, then the others start.
      nodes.add(NodeProcess.start(name + "-1", freePort(), home, serve));
      nodes.get(0).awaitUp(Duration.ofSeconds(120));
      for (int i = 2; i <= nodeCount; i++) {
        nodes.add(NodeProcess.start(name + "-" + i, freePort(), home, serve));
      }
      for (NodeProcess node : nodes) {
        node.awaitUp(Duration.ofSeconds(120));
      }
      NodeProcess engine = broker == null ? nodes.get(0) : awaitEngine(nodes);
      NodeProcess poster = nodes.stream().filter(n -> n != engine).findFirst().orElse(engine);
      return new NodeSet(name, database, nodes, keyBySensor, poster, engine);
    } catch (IOException | InterruptedException | RuntimeException | Error e) {
      nodes.forEach(NodeProcess::close);
      database.close();
      throw e;
    }
  }

  String name() {
    return name;
  }

  Map<String, String> keyBySensor() {
    return keyBySensor;
  }

  /** The node the reports are posted to: one that does not run the engine, where there is one. */
  NodeProcess poster() {
    return poster;
  }

  NodeProcess engine() {
    return engine;
  }

  List<NodeProcess> nodes() {
    return nodes;
  }

  /**
   * The node whose stream is measured: one that neither takes the reports nor runs the engine,
   * where there is one; else the one that takes them.
   */
  NodeProcess measured() {
    return nodes.stream().filter(n -> n != poster && n != engine).findFirst().orElse(poster);
  }

  /** Whether every node still runs. */
  boolean alive() {
    return nodes.stream().allMatch(NodeProcess::alive);
  }

  private static NodeProcess awaitEngine(List<NodeProcess> nodes) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      List<NodeProcess> engines = new ArrayList<>();
      for (NodeProcess node : nodes) {
        JsonNode health = node.health();
        if (health != null && health.path("engine").asBoolean()) {
          engines.add(node);
        }
      }
      if (engines.size() == 1) {
        return engines.get(0);
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("no single engine's node within 60 s");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Stops the nodes (SIGTERM, SIGKILL after 15 s) and drops the schema. */
  @Override
  public void close() throws SQLException {
    nodes.forEach(NodeProcess::close);
    database.close();
  }
}
