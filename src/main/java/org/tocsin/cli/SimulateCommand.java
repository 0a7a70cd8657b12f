package org.tocsin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.tocsin.sim.InvalidScenarioException;
import org.tocsin.sim.SimulationRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tocsin simulate}: replays a scenario and reports how well people were warned. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      "Replays a scenario (see docs/SCENARIOS.md) on a simulated clock through the warning pipeline"
          + " and reports how well people were warned.",
      "Exit status: 0 when the simulation ran, 2 for an invalid scenario or a --report folder that"
          + " cannot be written, 1 for an internal error."
    })
final class SimulateCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SCENARIO.yaml", description = "The scenario file.")
  Path scenario;

  @Option(names = "--json", description = "Print exactly one JSON object: the report.")
  boolean json;

  @Option(
      names = "--report",
      paramLabel = "DIR",
      description =
          "Also write DIR/report.json, every CAP message as DIR/cap/NNN-<identifier>.xml"
              + " (status Exercise: a simulation is never real) and the plots DIR/timeline.png"
              + " and DIR/map.png.")
  Path reportDir;

  @Mixin CapSenderOption sender = new CapSenderOption();

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    String capSender = sender.checked();
    if (!Files.isRegularFile(scenario)) {
      err.println("error: SCENARIO: no such file: " + scenario);
      return ErrorHandler.BAD_INPUT;
    }
    if (reportDir != null) {
      Optional<String> problem = ReportFolder.problem(reportDir);
      if (problem.isPresent()) {
        err.println("error: " + problem.get());
        return ErrorHandler.BAD_INPUT;
      }
    }
    SimulationRun run;
    try (ProgressBar bar = ConsoleProgress.bar("simulate")) {
      run =
          SimulationRun.of(
              scenario, capSender, share -> bar.stepTo(Math.round(share * ConsoleProgress.STEPS)));
    } catch (InvalidScenarioException e) {
      e.problems().forEach(problem -> err.println("error: " + problem));
      return ErrorHandler.BAD_INPUT;
    } catch (NoSuchFileException e) {
      err.println("error: SCENARIO: no such file: " + e.getFile());
      return ErrorHandler.BAD_INPUT;
    }
    ObjectNode report = run.reportJson();
    if (reportDir != null) {
      run.writeReport(reportDir);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(json ? report.toString() : summary(report));
    out.flush();
    return 0;
  }

  private static String summary(ObjectNode report) {
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "Scenario %s on %s%n",
            report.get("scenario").asText(),
            report.get("areas").asText()));
    for (JsonNode threat : report.get("threats")) {
      text.append(
          String.format(
              Locale.ROOT,
              "  %s: shelter lead %s s of %s s possible, prepare lead %s s; impacts warned %d,"
                  + " missed %d, outside areas %d; final error %s km, %s s; %d messages%n",
              threat.get("id").asText(),
              threat.get("leadTimeS").asText(),
              threat.get("maxLeadTimeS").asText(),
              threat.get("prepareLeadTimeS").asText(),
              threat.get("impactsWarned").asInt(),
              threat.get("impactsMissed").asInt(),
              threat.get("impactsOutsideAreas").asInt(),
              threat.get("finalImpactErrorKm").asText(),
              threat.get("timeOfArrivalErrorS").asText(),
              threat.get("messages").asInt()));
    }
    text.append(
        String.format(
            Locale.ROOT,
            "  warned: prepare %s km², shelter %s km² (%s km² at impact), impact areas %s km²,"
                + " over-warning %s%n",
            report.get("prepareAreaKm2").asText(),
            report.get("shelterAreaKm2").asText(),
            report.get("shelterAreaKm2AtImpact").asText(),
            report.get("impactAreaKm2").asText(),
            report.get("overWarningRatio").asText()));
    JsonNode latency = report.get("decisionLatencyMs");
    text.append(
        String.format(
            Locale.ROOT,
            "  %d messages (%d rows of areas by level); decision latency p50 %s ms, p99 %s ms,"
                + " max %s ms",
            messages(report),
            report.get("alerts").size(),
            latency.get("p50").asText(),
            latency.get("p99").asText(),
            latency.get("max").asText()));
    return text.toString();
  }

  /** Messages issued over all threats: one per alert event, whatever the levels it names. */
  private static int messages(JsonNode report) {
    int messages = 0;
    for (JsonNode threat : report.get("threats")) {
      messages += threat.get("messages").asInt();
    }
    return messages;
  }
}
