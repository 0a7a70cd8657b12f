package org.tocsin.sensors;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tocsin.alert.AlertStatus;
import org.tocsin.alert.Policy;
import org.tocsin.alert.WarningPipeline;
import org.tocsin.area.AreaSet;
import org.tocsin.area.AreaSets;
import org.tocsin.ingest.ReportWindow;
import org.tocsin.node.LiveWarnings;
import org.tocsin.node.Recovery;
import org.tocsin.node.StoreJournal;
import org.tocsin.sim.Scenario;
import org.tocsin.sim.Sensor;
import org.tocsin.store.Journal;
import org.tocsin.store.SensorKeys;
import org.tocsin.store.TestDatabase;
import org.tocsin.web.ServerOptions;
import org.tocsin.web.WebServer;

/**
 * A server as {@code tocsin serve} runs it, for replays to post to: its journal on H2, a real key
 * in the database for each of a scenario's sensors, the warnings on a clock the test chooses.
 */
public final class ReportServer implements AutoCloseable {

  private final TestDatabase db;
  private final Journal journal;
  private final LiveWarnings live;
  private final WebServer server;
  private final AreaSet areas;
  private final Map<String, String> keys = new LinkedHashMap<>();

  private ReportServer(
      Path dir, Scenario scenario, Clock clock, double clockRate, AlertStatus status)
      throws SQLException {
    db = TestDatabase.create(TestDatabase.Backend.H2, dir);
    journal = new Journal(db.database(), Clock.systemUTC());
    areas = AreaSets.bundled(scenario.areas());
    live =
        new LiveWarnings(
            new WarningPipeline(Policy.DEFAULT, areas),
            clock,
            status,
            clockRate,
            new StoreJournal(journal, List.of()));
    Recovery.replay(journal, live);
    SensorKeys sensorKeys = new SensorKeys(db.database(), Clock.systemUTC());
    for (Sensor sensor : scenario.sensors()) {
      keys.put(sensor.id(), sensorKeys.add(sensor.id()));
    }
    // A replay posts as fast as the server answers, far above a real sensor's request rate; and on
    // a loaded machine the engine falls behind a fast clock, so reports arrive late on it: what
    // the tests check is the replay, not the engine's pace.
    ReportWindow lenient =
        new ReportWindow(
            Duration.ofDays(1),
            ReportWindow.DEFAULT.maxLead(),
            ReportWindow.DEFAULT.maxLaunchAge());
    server =
        WebServer.start(
            live,
            areas,
            ServerOptions.defaults(0, sensorKeys::authenticate)
                .withRate(1e6, 1e6)
                .withReportWindow(lenient));
  }

  /**
   * Starts a server for {@code scenario}'s sensors.
   *
   * @param clock the warnings' clock
   * @param clockRate how fast it runs against real time, as the server tells clients
   */
  public static ReportServer start(
      Path dir, Scenario scenario, Clock clock, double clockRate, AlertStatus status)
      throws SQLException {
    return new ReportServer(dir, scenario, clock, clockRate, status);
  }

  /** Its base URL. */
  public String url() {
    return "http://127.0.0.1:" + server.port() + "/";
  }

  /** The API key of a sensor of the scenario. */
  public String key(String sensor) {
    return keys.get(sensor);
  }

  /** Every sensor's key. */
  public Map<String, String> keys() {
    return Map.copyOf(keys);
  }

  public LiveWarnings live() {
    return live;
  }

  public AreaSet areas() {
    return areas;
  }

  /** The reports in the journal: what a restarted server would replay. */
  public long journalledReports() {
    LiveWarnings fresh =
        new LiveWarnings(
            new WarningPipeline(Policy.DEFAULT, areas), Clock.systemUTC(), live.status(), 1);
    return Recovery.replay(journal, fresh);
  }

  @Override
  public void close() throws SQLException {
    server.close();
    db.close();
  }
}
