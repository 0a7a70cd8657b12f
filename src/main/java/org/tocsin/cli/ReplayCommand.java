package org.tocsin.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import me.tongfei.progressbar.ProgressBar;
import org.tocsin.node.ScenarioReplay;
import org.tocsin.sensors.ReplayStoppedException;
import org.tocsin.sensors.ReplaySummary;
import org.tocsin.sensors.ReportPoster;
import org.tocsin.sensors.RetryPolicy;
import org.tocsin.sensors.SensorBatch;
import org.tocsin.sensors.SensorReplay;
import org.tocsin.sensors.ServerProbe;
import org.tocsin.sensors.WallClockPace;
import org.tocsin.sim.Scenario;
import org.tocsin.sim.ScenarioReports;
import org.tocsin.sim.Sensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tocsin replay}: a sensor simulator that posts a scenario's synthetic reports to a running
 * server over HTTP, as its sensors would, for a team that rehearses a deployed server or cluster
 * from outside, and for tests that drive one.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Posts a scenario's synthetic reports to a Tocsin server (POST /api/v1/reports, each"
          + " sensor with its API key), at the present time on the server's clock and at the"
          + " scenario's pace times --speed, as its sensors would. Only to a server that runs as"
          + " an Exercise or Test: a server that warns for real is refused.",
      "Busy or unreachable servers (429, 503, a refused connection, a timeout) are retried with"
          + " the same batch for about a minute, on the next --to at once when a connection"
          + " fails; a batch the server refuses (a wrong key, a bad report) stops the replay.",
      "Exit status: 0 when every report was acknowledged, 1 when the replay stopped (a refused"
          + " batch, no server reached), 2 for invalid input or a server that warns for real."
    })
final class ReplayCommand implements Callable<Integer> {

  /** The exit status of a replay that stopped: a batch refused, or no server reached. */
  static final int STOPPED = 1;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SCENARIO.yaml", description = "The scenario file.")
  Path scenario;

  @Option(
      names = "--to",
      paramLabel = "URL",
      required = true,
      description =
          "The server's base URL, such as http://127.0.0.1:8080/. Repeatable: the nodes of a"
              + " cluster, in the order tried when one cannot be reached.")
  List<String> servers = new ArrayList<>();

  @Option(
      names = "--key",
      paramLabel = "SENSOR=KEY",
      required = true,
      description =
          "A sensor's API key (tocsin sensor add SENSOR on the server), for each of the"
              + " scenario's sensors; a bare KEY for a scenario of one sensor. Repeatable. Keys"
              + " may be kept in a file given as @FILE, one option a line.")
  List<String> keys = new ArrayList<>();

  @Option(
      names = "--speed",
      paramLabel = "FACTOR",
      defaultValue = "1",
      description =
          "How much faster than real time, within (0, 1000] (default: 1); must be the rate of"
              + " the server's clock, which refuses reports dated far from it.")
  double speed;

  @Option(
      names = "--duration",
      paramLabel = "SECONDS",
      description =
          "Posts only SECONDS of the scenario's reports, from --from on, within [1, 86400]"
              + " (default: to its end): a rehearsal of the first minutes of a long flight.")
  Long durationS;

  @Option(
      names = "--from",
      paramLabel = "SECONDS",
      defaultValue = "0",
      description =
          "Starts at the scenario's second SECONDS, within [0, 86400] (default: 0): its reports"
              + " before are not posted, and that second is the present on the server's clock.")
  long fromS;

  /** How long batches are tried; tests shorten it. */
  RetryPolicy retry = RetryPolicy.DEFAULT;

  /** The wall clock; tests may give another. */
  Clock wall = Clock.systemUTC();

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<String> problems = new ArrayList<>();
    Scenario loaded = null;
    try {
      loaded = ReplayOption.load(scenario, "SCENARIO.yaml");
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    List<URI> urls = new ArrayList<>();
    for (String text : servers) {
      Optional.ofNullable(OptionParsing.parse("--to", text, ReportPoster::serverUrl, problems))
          .ifPresent(urls::add);
    }
    if (!(speed > 0) || speed > ScenarioReplay.MAX_SPEED) {
      problems.add(
          "--speed: must be within (0, " + (int) ScenarioReplay.MAX_SPEED + "], was " + speed);
    }
    if (fromS < 0 || fromS > 86_400) {
      problems.add("--from: must be within [0, 86400] seconds, was " + fromS);
    }
    if (durationS != null && (durationS < 1 || durationS > 86_400)) {
      problems.add("--duration: must be within [1, 86400] seconds, was " + durationS);
    }
    Map<String, String> keyBySensor =
        loaded == null
            ? Map.of()
            : ReplayKeys.bySensor(
                keys, loaded.sensors().stream().map(Sensor::id).toList(), problems);
    if (!problems.isEmpty()) {
      problems.forEach(problem -> err.println("error: " + problem));
      return ErrorHandler.BAD_INPUT;
    }
    List<ServerProbe.ServerState> answered = probe(urls, err);
    if (answered.isEmpty()) {
      err.println("error: no server answered (--to): the replay did not start");
      return STOPPED;
    }
    problems.addAll(refusals(answered));
    if (!problems.isEmpty()) {
      problems.forEach(problem -> err.println("error: " + problem));
      return ErrorHandler.BAD_INPUT;
    }
    return replay(loaded, urls, keyBySensor, answered.get(0), out, err);
  }

  private int replay(
      Scenario loaded,
      List<URI> urls,
      Map<String, String> keyBySensor,
      ServerProbe.ServerState server,
      PrintWriter out,
      PrintWriter err)
      throws InterruptedException {
    // Dated on the server's clock, to the second, as serve --replay dates its own.
    Instant now = server.serverTimeAt(wall.instant()).truncatedTo(ChronoUnit.SECONDS);
    // The scenario's second --from is now: its reports before it are not posted.
    Instant origin = now.minusSeconds(fromS);
    ScenarioReports reports = ScenarioReports.at(loaded, origin);
    Instant end = durationS == null ? Instant.MAX : now.plusSeconds(durationS);
    List<SensorBatch> batches =
        SensorBatch.of(reports).stream()
            .filter(batch -> !batch.time().isBefore(now) && batch.time().isBefore(end))
            .toList();
    int reportCount = batches.stream().mapToInt(batch -> batch.reports().size()).sum();
    out.printf(
        Locale.ROOT,
        "Replaying %s: %d reports in %d batches to %s (%s) at %sx, from %s on its clock.%n",
        loaded.name(),
        reportCount,
        batches.size(),
        urls.size() == 1 ? urls.get(0) : urls.toString(),
        server.status(),
        speed,
        now);
    out.flush();
    ReportPoster poster =
        new ReportPoster(urls, keyBySensor, retry, notice -> err.println("warning: " + notice));
    AtomicReference<ReplaySummary> progress =
        new AtomicReference<>(new ReplaySummary(0, 0, 0, Duration.ZERO));
    try (ProgressBar bar = ConsoleProgress.bar("replay")) {
      new SensorReplay(poster, wall)
          .run(
              batches,
              new WallClockPace(wall, server.serverTimeAt(wall.instant()), speed),
              summary -> {
                progress.set(summary);
                bar.stepTo(
                    Math.round((double) summary.reports() / reportCount * ConsoleProgress.STEPS));
                bar.setExtraMessage(summary.retries() + " retries");
              });
    } catch (ReplayStoppedException e) {
      err.println("error: " + e.getMessage());
      out.println("Stopped: " + summary(progress.get(), batches.size(), reportCount));
      out.flush();
      return STOPPED;
    }
    out.println("Done: " + summary(progress.get(), batches.size(), reportCount));
    out.flush();
    return 0;
  }

  /** The servers that answer, each said on standard error when it does not. */
  private List<ServerProbe.ServerState> probe(List<URI> urls, PrintWriter err)
      throws InterruptedException {
    ServerProbe probe = new ServerProbe(wall);
    List<ServerProbe.ServerState> answered = new ArrayList<>();
    for (URI url : urls) {
      try {
        answered.add(probe.probe(url));
      } catch (IOException e) {
        err.println("warning: --to " + url + " did not answer: " + e.getMessage());
      }
    }
    return answered;
  }

  /** Why these servers may not be replayed to: one warns for real, or its clock runs otherwise. */
  private List<String> refusals(List<ServerProbe.ServerState> answered) {
    List<String> refusals = new ArrayList<>();
    for (ServerProbe.ServerState state : answered) {
      if (!state.rehearses()) {
        refusals.add(
            "--to: "
                + state.server()
                + " runs as "
                + state.status()
                + ": a replay's reports would warn people for real; replay only to a server"
                + " that runs as an Exercise or Test (tocsin serve --status exercise)");
      } else if (Math.abs(state.clockRate() - speed) > 1e-9 * speed) {
        refusals.add(
            "--speed: must be the rate of the clock of "
                + state.server()
                + ", "
                + state.clockRate()
                + ", since it refuses reports dated far from its clock; was "
                + speed);
      }
    }
    return refusals;
  }

  private static String summary(ReplaySummary done, int batches, int reports) {
    return String.format(
        Locale.ROOT,
        "%d of %d batches and %d of %d reports acknowledged, %d retries, %.1f s elapsed.",
        done.batches(),
        batches,
        done.reports(),
        reports,
        done.retries(),
        done.elapsed().toMillis() / 1000.0);
  }
}
