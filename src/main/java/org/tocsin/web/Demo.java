package org.tocsin.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.tocsin.alert.AlertStatus;
import org.tocsin.alert.WarningPipeline;
import org.tocsin.area.AreaSet;
import org.tocsin.area.AreaSets;
import org.tocsin.sim.Scenario;
import org.tocsin.sim.ScenarioLoader;

/**
 * {@code tocsin demo}: the server on the embedded defaults, replaying the Dnipro reconstruction as
 * an Exercise, in a loop, at a chosen speed.
 */
public final class Demo implements AutoCloseable {

  /** The scenario the demo replays, bundled in the jar. */
  public static final String SCENARIO = "dnipro-2024-11-21";

  private final WebServer server;
  private final DemoReplay replay;

  private Demo(WebServer server, DemoReplay replay) {
    this.server = server;
    this.replay = replay;
  }

  /**
   * Starts the demo.
   *
   * @param port the HTTP port, 0 for any free one
   * @param speed how much faster than real time the replay runs
   * @param wall the wall clock the replay runs on
   */
  public static Demo start(int port, double speed, Clock wall) {
    Scenario scenario = ScenarioLoader.parse(bundledScenario(), SCENARIO + ".yaml");
    AreaSet areas = AreaSets.bundled(scenario.areas());
    ReplayClock clock = new ReplayClock(wall, scenario.start(), speed);
    LiveWarnings live =
        new LiveWarnings(
            new WarningPipeline(scenario.policy().toAlertPolicy(), areas),
            clock,
            AlertStatus.EXERCISE,
            speed);
    DemoReplay replay = new DemoReplay(live, clock, scenario);
    WebServer server =
        WebServer.start(
            live,
            areas,
            ServerOptions.defaults(port, SensorAuthenticator.NONE)
                .withSigningKey(SigningKeys.loadOrCreate(java.nio.file.Path.of("data"))));
    replay.start();
    return new Demo(server, replay);
  }

  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    replay.close();
    server.close();
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
