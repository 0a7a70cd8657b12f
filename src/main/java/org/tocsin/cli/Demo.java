package org.tocsin.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.tocsin.alert.AlertStatus;
import org.tocsin.alert.WarningPipeline;
import org.tocsin.area.AreaSet;
import org.tocsin.area.AreaSets;
import org.tocsin.cap.CapIssuer;
import org.tocsin.node.LiveWarnings;
import org.tocsin.node.ScenarioReplay;
import org.tocsin.sim.Scenario;
import org.tocsin.sim.ScenarioLoader;
import org.tocsin.web.SensorAuthenticator;
import org.tocsin.web.ServerOptions;
import org.tocsin.web.SigningKeys;
import org.tocsin.web.WebServer;

/**
 * {@code tocsin demo}: the server on the embedded defaults, replaying the Dnipro reconstruction as
 * an Exercise, in a loop, at a chosen speed, with the operator console open to two demo accounts
 * that may draft and approve exercises and tests.
 */
public final class Demo implements AutoCloseable {

  /** The scenario the demo replays, bundled in the jar. */
  public static final String SCENARIO = "dnipro-2024-11-21";

  private final WebServer server;
  private final String listeningUrl;
  private final ScenarioReplay replay;
  private final DemoOperators operators;
  private final java.util.concurrent.atomic.AtomicBoolean closed =
      new java.util.concurrent.atomic.AtomicBoolean();

  private Demo(
      WebServer server, String listeningUrl, ScenarioReplay replay, DemoOperators operators) {
    this.server = server;
    this.listeningUrl = listeningUrl;
    this.replay = replay;
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
    CapIssuer capIssuer = CapIssuer.fresh(capSender);
    Scenario scenario = ScenarioLoader.parse(bundledScenario(), SCENARIO + ".yaml");
    AreaSet areas = AreaSets.bundled(scenario.areas());
    ScenarioReplay replay =
        ScenarioReplay.prepare(scenario, speed, ScenarioReplay.Rounds.FOREVER, wall);
    LiveWarnings live =
        new LiveWarnings(
            new WarningPipeline(scenario.policy(), areas),
            replay.clock(),
            AlertStatus.EXERCISE,
            replay.speed());
    DemoOperators operators = DemoOperators.create(wall);
    WebServer server;
    ServerOptions options =
        ServerOptions.defaults(port, SensorAuthenticator.NONE).withBindAddress(bindAddress);
    try {
      server =
          WebServer.start(
              live,
              areas,
              options
                  .withSigningKey(SigningKeys.loadOrCreate(java.nio.file.Path.of("data")))
                  .withOperators(operators.auth())
                  .withCapIssuer(capIssuer));
    } catch (RuntimeException e) {
      // The port may have been taken since the check: remove the temporary database all the same.
      operators.close();
      if (causedBy(e, BindException.class)) {
        throw portInUse(port, e);
      }
      throw e;
    }
    replay.start(live);
    return new Demo(server, options.listeningUrl(server.port()), replay, operators);
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
    return listeningUrl;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      replay.close();
      server.close();
      operators.close();
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
