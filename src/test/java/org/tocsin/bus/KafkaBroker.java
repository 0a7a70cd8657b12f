package org.tocsin.bus;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka broker for tests: one KRaft node (broker and controller in one process) on loopback,
 * on free ports chosen at start, with its data and its log in a temporary folder. It runs as a
 * child JVM from the test classpath (kafka_2.13 is a test dependency), so nothing is installed and
 * no Docker is needed.
 *
 * <p>{@link #stop()} shuts it down cleanly (SIGTERM, then SIGKILL after {@link #STOP_GRACE}),
 * {@link #kill()} kills it (SIGKILL), {@link #restart()} starts it again on the same ports and the
 * same data. No broker outlives the test JVM: a shutdown hook kills it, and the child halts by
 * itself when its standard input (a pipe from this JVM) closes, which covers a killed test JVM.
 */
public final class KafkaBroker implements AutoCloseable {

  /** How long a start may take: a cold JVM on two shared, loaded cores takes a while. */
  static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  /** How long a clean shutdown may take before the broker is killed. */
  static final Duration STOP_GRACE = Duration.ofSeconds(30);

  private final Path dir;
  private final Path config;
  private final Path log;
  private final String clusterId = Uuid.randomUuid().toString();
  private final int brokerPort;
  private final int controllerPort;
  private final Thread killer = new Thread(this::destroyNow, "kafka-broker-killer");
  private final boolean temporary;
  private Process process;
  private Duration lastStartTime = Duration.ZERO;

  private KafkaBroker(Path dir, boolean temporary) throws IOException {
    this.dir = dir;
    this.temporary = temporary;
    this.config = dir.resolve("server.properties");
    this.log = dir.resolve("broker.log");
    this.brokerPort = freePort();
    this.controllerPort = freePort();
    writeConfig();
  }

  /** Starts a broker whose data and log go under {@code dir}, and waits until it serves. */
  public static KafkaBroker start(Path dir) throws IOException {
    return start(new KafkaBroker(dir, false));
  }

  /** Starts a broker in a new temporary folder, deleted when the JVM ends. */
  public static KafkaBroker startTemporary() throws IOException {
    return start(new KafkaBroker(Files.createTempDirectory("tocsin-kafka-"), true));
  }

  private static KafkaBroker start(KafkaBroker broker) {
    Runtime.getRuntime().addShutdownHook(broker.killer);
    broker.launch();
    return broker;
  }

  /** {@code 127.0.0.1:PORT}, for a client's {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return "127.0.0.1:" + brokerPort;
  }

  /** How long the last start took, until the broker answered a client. */
  public Duration lastStartTime() {
    return lastStartTime;
  }

  /** The broker's log, for a failing test's message. */
  public Path logFile() {
    return log;
  }

  /** Shuts the broker down cleanly (SIGTERM), killing it if it takes longer than the grace. */
  public void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    process = null;
  }

  /** Kills the broker at once (SIGKILL), as a crash of its machine's process would. */
  public void kill() {
    destroyNow();
    process = null;
  }

  /**
   * Starts the broker again, after {@link #stop()} or {@link #kill()}, on the same ports and data.
   */
  public void restart() {
    if (process != null) {
      throw new IllegalStateException("the broker is running; stop it first");
    }
    launch();
  }

  @Override
  public void close() {
    stop();
    if (temporary) {
      deleteFolder();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(killer);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down: the hook runs anyway.
    }
  }

  private void launch() {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-Xmx512m",
            "-Xms64m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Djava.awt.headless=true",
            "-Dorg.slf4j.simpleLogger.showDateTime=true",
            // The broker's log file has its own INFO lines, which the clients' settings quieten.
            "-Dorg.slf4j.simpleLogger.log.org.apache.kafka=info",
            "-cp",
            System.getProperty("java.class.path"),
            KafkaBrokerProcess.class.getName(),
            config.toString(),
            clusterId));
    long started = System.nanoTime();
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the broker's JVM", e);
    }
    awaitReady();
    lastStartTime = Duration.ofNanos(System.nanoTime() - started);
  }

  /** Waits until the broker answers a cluster description, or fails with its log's end. */
  private void awaitReady() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000))) {
      while (true) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "the broker exited with " + process.exitValue() + ":\n" + logTail());
        }
        try {
          admin
              .describeCluster(new DescribeClusterOptions().timeoutMs(5_000))
              .nodes()
              .get(6, TimeUnit.SECONDS);
          return;
        } catch (Exception e) {
          if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the broker started", e);
          }
          if (System.nanoTime() > deadline) {
            destroyNow();
            throw new IllegalStateException(
                "the broker did not serve within " + START_TIMEOUT + ":\n" + logTail(), e);
          }
        }
      }
    }
  }

  private void writeConfig() throws IOException {
    Properties properties = new Properties();
    properties.put("process.roles", "broker,controller");
    properties.put("node.id", "1");
    properties.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    properties.put(
        "listeners",
        "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    properties.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    properties.put("controller.listener.names", "CONTROLLER");
    properties.put("inter.broker.listener.name", "PLAINTEXT");
    properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    properties.put("log.dirs", dir.resolve("data").toString());
    properties.put("auto.create.topics.enable", "false");
    // One broker: every internal topic has one replica, and few partitions, which start faster.
    properties.put("offsets.topic.replication.factor", "1");
    properties.put("offsets.topic.num.partitions", "1");
    properties.put("transaction.state.log.replication.factor", "1");
    properties.put("transaction.state.log.min.isr", "1");
    properties.put("transaction.state.log.num.partitions", "1");
    properties.put("share.coordinator.state.topic.replication.factor", "1");
    properties.put("share.coordinator.state.topic.min.isr", "1");
    properties.put("share.coordinator.state.topic.num.partitions", "1");
    // A group's first member is given its partitions at once, not after the default 3 s.
    properties.put("group.initial.rebalance.delay.ms", "0");
    // Few threads: the machine is small and shared.
    properties.put("num.network.threads", "2");
    properties.put("num.io.threads", "2");
    properties.put("background.threads", "2");
    properties.put("num.recovery.threads.per.data.dir", "1");
    properties.put("log.cleaner.enable", "false");
    Files.createDirectories(dir);
    try (OutputStream out = Files.newOutputStream(config)) {
      properties.store(out, "Tocsin's test broker");
    }
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private void destroyNow() {
    Process running = process;
    try {
      destroy(running);
    } finally {
      if (temporary && Thread.currentThread() == killer) {
        deleteFolder();
      }
    }
  }

  private void deleteFolder() {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // A temporary folder left behind is no test's failure.
    }
  }

  private static void destroy(Process running) {
    if (running != null && running.isAlive()) {
      running.destroyForcibly();
      try {
        running.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
