package org.tocsin.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.tocsin.alert.AlertStatus;
import org.tocsin.area.AreaSet;
import org.tocsin.area.AreaSets;
import org.tocsin.cap.CapIssuer;
import org.tocsin.ingest.ReportWindow;
import org.tocsin.node.ScenarioReplay;
import org.tocsin.sim.Scenario;
import org.tocsin.sim.ScenarioLoader;
import org.tocsin.store.Accounts;
import org.tocsin.store.Database;
import org.tocsin.web.ServerOptions;
import org.tocsin.web.UpstreamAuthorities;

/**
 * {@code tocsin demo}: {@code tocsin serve --replay} of the Dnipro reconstruction, in a loop, as an
 * Exercise, on an embedded database in a temporary folder that is removed when the demo stops, with
 * the operator console open to two demo accounts that may draft and approve exercises and tests.
 * Everything else is the server's ({@link Server}): the journal, the channels, the page.
 */
public final class Demo implements AutoCloseable {

  /** The scenario the demo replays, bundled in the jar. */
  public static final String SCENARIO = "dnipro-2024-11-21";

  private final Path directory;
  private final Database database;
  private final Server server;
  private final DemoOperators operators;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Demo(Path directory, Database database, Server server, DemoOperators operators) {
    this.directory = directory;
    this.database = database;
    this.server = server;
    this.operators = operators;
  }

  /** Starts the demo with the default CAP sender, listening on this machine only. */
  public static Demo start(int port, double speed, Clock wall) {
    return start(ServerOptions.LOOPBACK, port, speed, CapIssuer.DEFAULT_SENDER, wall);
  }

  /**
   * Starts the demo.
   *
   * @param bindAddress the IP address to listen on (see {@link ServerOptions#bindAddress})
   * @param port the HTTP port, 0 for any free one
   * @param speed how much faster than real time the replay runs
   * @param capSender the CAP sender; the identifiers get a new series for every demo, which keeps
   *     no journal
   * @param wall the wall clock the replay runs on
   * @throws IllegalArgumentException when the address is not an IP address or another program holds
   *     the port
   */
  public static Demo start(
      String bindAddress, int port, double speed, String capSender, Clock wall) {
    ServerOptions.requireIpAddress("bind address (--bind)", bindAddress);
    checkPortFree(bindAddress, port);
    Scenario scenario = ScenarioLoader.parse(bundledScenario(), SCENARIO + ".yaml");
    AreaSet areas = AreaSets.bundled(scenario.areas());
    ScenarioReplay replay =
        ScenarioReplay.prepare(scenario, speed, ScenarioReplay.Rounds.FOREVER, wall);
    Path directory = temporaryDirectory();
    Database database = Database.openEmbedded(directory);
    try {
      DemoOperators operators = DemoOperators.create(new Accounts(database, wall));
      Server server =
          Server.start(settings(bindAddress, port, capSender, areas, replay), database, wall);
      return new Demo(directory, database, server, operators);
    } catch (RuntimeException e) {
      // The port may have been taken since the check: remove the temporary database all the same.
      replay.close();
      database.close();
      delete(directory);
      if (causedBy(e, BindException.class)) {
        throw portInUse(port, e);
      }
      throw e;
    }
  }

  /** What {@code tocsin serve --replay} would be given, on the demo's defaults. */
  private static Server.Settings settings(
      String bindAddress, int port, String capSender, AreaSet areas, ScenarioReplay replay) {
    return new Server.Settings(
        AlertStatus.EXERCISE,
        areas,
        port,
        bindAddress,
        Set.of(),
        Optional.empty(),
        ReportWindow.DEFAULT,
        ServerOptions.DEFAULT_MAX_CONNECTIONS_PER_CLIENT,
        ServerOptions.DEFAULT_MAX_EVENT_CLIENTS,
        List.of(),
        UpstreamAuthorities.RelayMode.APPROVE,
        capSender,
        Optional.empty(),
        Optional.empty(),
        DemoOperators.STATUSES,
        Optional.of(replay),
        Optional.empty());
  }

  /**
   * How to log in to the demo's console, to print at start: the accounts' passwords are made afresh
   * for every demo.
   */
  public String consoleLogins() {
    return DemoOperators.OPERATOR
        + " / "
        + operators.operatorPassword()
        + " drafts, "
        + DemoOperators.APPROVER
        + " / "
        + operators.approverPassword()
        + " approves (exercises and tests only)";
  }

  public int port() {
    return server.port();
  }

  /** The address the demo listens on, as a URL to open: {@code http://127.0.0.1:8080/}. */
  public String listeningUrl() {
    return server.listeningUrl();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        server.close();
      } finally {
        database.close();
      }
      delete(directory);
    }
  }

  /**
   * Refuses a port that another program holds before anything is made (the temporary database, the
   * signing key), so that a refused demo leaves nothing behind.
   */
  private static void checkPortFree(String bindAddress, int port) {
    if (port == 0) {
      return;
    }
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(bindAddress, port));
    } catch (IOException e) {
      throw portInUse(port, e);
    }
  }

  private static IllegalArgumentException portInUse(int port, Exception cause) {
    return new IllegalArgumentException(
        "--port: port " + port + " is in use; stop the program that holds it or choose another",
        cause);
  }

  private static Path temporaryDirectory() {
    try {
      return Files.createTempDirectory("tocsin-demo-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make the demo's temporary database", e);
    }
  }

  /** Removes the demo's folder and everything in it. */
  private static void delete(Path directory) {
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + directory, e);
    }
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return true;
      }
    }
    return false;
  }

  private static String bundledScenario() {
    String name = "/org/tocsin/scenarios/" + SCENARIO + ".yaml";
    try (InputStream in = Demo.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("the jar lacks " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
