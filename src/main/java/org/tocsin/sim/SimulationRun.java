package org.tocsin.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.DoubleConsumer;
import org.tocsin.area.AreaSet;
import org.tocsin.area.AreaSets;
import org.tocsin.cap.CapAlert;
import org.tocsin.cap.CapIssuer;
import org.tocsin.cap.CapMessages;
import org.tocsin.cap.CapWriter;

/**
 * The whole of {@code tocsin simulate}: read and check the scenario, build its truth, replay it
 * through the pipeline, and report. The entry point for the command line and for tests.
 */
public final class SimulationRun {

  private final SimulationResult result;
  private final CapIssuer capIssuer;
  private final SimulationReport report;

  private SimulationRun(SimulationResult result, CapIssuer capIssuer) {
    this.result = result;
    this.capIssuer = capIssuer;
    this.report = new SimulationReport(result, capIssuer);
  }

  /**
   * Runs a scenario file, its CAP messages from the default sender.
   *
   * @see #of(Path, String, DoubleConsumer)
   */
  public static SimulationRun of(Path scenarioFile, DoubleConsumer progress) throws IOException {
    return of(scenarioFile, CapIssuer.DEFAULT_SENDER, progress);
  }

  /**
   * Runs a scenario file. Its CAP identifiers get a new random series (see {@link CapIssuer}): a
   * run's messages are new messages, never those of another run of the same scenario, so the report
   * is the same for the same seed but for the wall-clock latency and the identifiers.
   *
   * @param capSender the CAP sender of the run's messages
   * @param progress receives the share done, from 0 to 1
   * @throws IllegalArgumentException when the sender is malformed
   * @throws InvalidScenarioException listing every problem when the scenario is invalid
   * @throws IOException when the file cannot be read
   */
  public static SimulationRun of(Path scenarioFile, String capSender, DoubleConsumer progress)
      throws IOException {
    CapIssuer capIssuer = CapIssuer.fresh(capSender);
    Scenario scenario = ScenarioLoader.load(scenarioFile);
    AreaSet areas = areaSet(scenario.areas(), scenarioFile);
    progress.accept(0.02);
    return of(scenario, areas, capIssuer, Runnable::run, progress);
  }

  /**
   * Runs a scenario already read, its CAP messages from the default sender in a new series.
   *
   * @param executor where the footprints of one batch's threats are predicted: in parallel on a
   *     pool, or on the calling thread with {@code Runnable::run}; the report is the same
   * @param progress receives the share done, from 0 to 1
   */
  public static SimulationRun of(
      Scenario scenario, AreaSet areas, Executor executor, DoubleConsumer progress) {
    return of(scenario, areas, CapIssuer.fresh(CapIssuer.DEFAULT_SENDER), executor, progress);
  }

  private static SimulationRun of(
      Scenario scenario,
      AreaSet areas,
      CapIssuer capIssuer,
      Executor executor,
      DoubleConsumer progress) {
    ScenarioTruth truth = ScenarioTruth.of(scenario);
    progress.accept(0.1);
    SimulationResult result =
        Simulation.run(
            scenario, truth, areas, executor, share -> progress.accept(0.1 + 0.9 * share));
    return new SimulationRun(result, capIssuer);
  }

  /** A bundled area set id, or a GeoJSON path relative to the scenario's folder. */
  public static AreaSet areaSet(String idOrPath, Path scenarioFile) {
    if (AreaSets.bundledIds().contains(idOrPath)) {
      return AreaSets.bundled(idOrPath);
    }
    Path path = Path.of(idOrPath);
    if (!path.isAbsolute() && scenarioFile.getParent() != null) {
      path = scenarioFile.getParent().resolve(path);
    }
    if (!Files.isRegularFile(path)) {
      throw new InvalidScenarioException(
          List.of(
              "areas: must be a bundled area set ("
                  + String.join(", ", AreaSets.bundledIds())
                  + ") or a GeoJSON file, was '"
                  + idOrPath
                  + "'"));
    }
    return AreaSets.load(path.toString());
  }

  /** Simulated time covered, from the scenario's start to the last all-clear tick (s). */
  public double simulatedSpanS() {
    return result.simulatedSpanS();
  }

  /** The report object of docs/SCENARIOS.md. */
  public ObjectNode reportJson() {
    return report.toJson();
  }

  /**
   * Every CAP message of the run, in order. Their status is Exercise: a simulation is never Actual.
   */
  public List<CapAlert> capMessages() {
    return new CapMessages(result.areas(), capIssuer, CapAlert.Status.EXERCISE)
        .messages(result.events());
  }

  /**
   * Writes {@code report.json}, the CAP messages as {@code cap/NNN-<identifier>.xml} (NNN the
   * message's place in the run, from 001) and the plots into {@code dir}, creating it.
   */
  public void writeReport(Path dir) throws IOException {
    Files.createDirectories(dir);
    new ObjectMapper()
        .writerWithDefaultPrettyPrinter()
        .writeValue(dir.resolve("report.json").toFile(), reportJson());
    Path capDir = dir.resolve("cap");
    Files.createDirectories(capDir);
    List<CapAlert> messages = capMessages();
    for (int i = 0; i < messages.size(); i++) {
      CapAlert message = messages.get(i);
      String name =
          String.format(
              Locale.ROOT,
              "%03d-%s.xml",
              i + 1,
              message.identifier().replaceAll("[^A-Za-z0-9._-]", "_"));
      Files.writeString(capDir.resolve(name), CapWriter.toXml(message), StandardCharsets.UTF_8);
    }
    ReportPlots.write(report, result, dir);
  }
}
