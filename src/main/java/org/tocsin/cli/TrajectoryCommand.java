package org.tocsin.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.tocsin.flight.Drag;
import org.tocsin.flight.FitConstraint;
import org.tocsin.flight.FitRequest;
import org.tocsin.flight.FittedTrajectory;
import org.tocsin.flight.FlightModel;
import org.tocsin.flight.MinimumEnergyFitter;
import org.tocsin.flight.ThreatClass;
import org.tocsin.flight.TrajectoryFitter;
import org.tocsin.geo.GeoPoint;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tocsin trajectory}: reconstructs a reported flight and prints its figures.
 *
 * <p>Options are read as text and validated together, so that a user sees every problem at once,
 * one line each, rather than the first one only.
 */
@Command(
    name = "trajectory",
    mixinStandardHelpOptions = true,
    description = {
      "Fits the ballistic arc that joins a launch point and an impact point in a reported flight"
          + " time or with a reported apogee, or the minimum-energy arc between them, and prints"
          + " its figures.",
      "Exit status: 0 on success, 2 for invalid input or an arc that physics does not allow."
    })
final class TrajectoryCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--from",
      required = true,
      paramLabel = "LAT,LON",
      description = "Launch point, decimal degrees.")
  String from;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "LAT,LON",
      description = "Impact point, decimal degrees.")
  String to;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Constraint constraint;

  static final class Constraint {
    @Option(
        names = "--flight-time",
        paramLabel = "SECONDS",
        description = "Reported time from launch to impact.")
    String flightTimeS;

    @Option(names = "--apogee", paramLabel = "KM", description = "Reported apogee height.")
    String apogeeKm;

    @Option(
        names = "--minimum-energy",
        description =
            "No report: the minimum-energy arc, the one of least launch speed (as the atlas uses).")
    boolean minimumEnergy;
  }

  @Option(
      names = "--class",
      defaultValue = "irbm",
      paramLabel = "CLASS",
      description = "srbm, mrbm, irbm or icbm: sets the ballistic coefficient (default: irbm).")
  String threatClass;

  @Option(
      names = "--launch-time",
      paramLabel = "ISO-8601",
      description = "Launch instant, e.g. 2024-11-21T02:00:00Z (default: now).")
  String launchTime;

  @Option(names = "--no-drag", description = "Fly in vacuum (no atmosphere drag).")
  boolean noDrag;

  @Option(names = "--json", description = "Print exactly one JSON object.")
  boolean json;

  private final Clock clock;

  TrajectoryCommand() {
    this(Clock.systemUTC());
  }

  TrajectoryCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() {
    List<String> problems = new ArrayList<>();
    GeoPoint launch = OptionParsing.parse("--from", from, GeoPoint::parse, problems);
    GeoPoint impact = OptionParsing.parse("--to", to, GeoPoint::parse, problems);
    ThreatClass cls = OptionParsing.parse("--class", threatClass, ThreatClass::fromId, problems);
    Instant launchInstant =
        launchTime == null
            ? clock.instant().truncatedTo(ChronoUnit.SECONDS)
            : OptionParsing.parse(
                "--launch-time", launchTime, TrajectoryCommand::parseInstant, problems);
    FitConstraint fitConstraint =
        constraint.minimumEnergy
            ? new FitConstraint.FlightTime(1) // replaced by the minimum-energy arc's own time
            : constraint.flightTimeS != null
                ? OptionParsing.parse(
                    "--flight-time",
                    constraint.flightTimeS,
                    text -> new FitConstraint.FlightTime(OptionParsing.number(text, "a number")),
                    problems)
                : OptionParsing.parse(
                    "--apogee",
                    constraint.apogeeKm,
                    text -> new FitConstraint.Apogee(OptionParsing.number(text, "a number") * 1000),
                    problems);
    PrintWriter err = spec.commandLine().getErr();
    if (!problems.isEmpty()) {
      problems.forEach(problem -> err.println("error: " + problem));
      return ErrorHandler.BAD_INPUT;
    }
    FlightModel model = FlightModel.of(cls).withDrag(noDrag ? Drag.VACUUM : Drag.ATMOSPHERIC);
    FitRequest request = new FitRequest(launch, impact, launchInstant, fitConstraint);
    FittedTrajectory fitted;
    try {
      if (constraint.minimumEnergy) {
        fitted = new MinimumEnergyFitter(model).fit(launch, impact, launchInstant);
        request =
            request.withConstraint(new FitConstraint.FlightTime(fitted.flight().flightTimeS()));
      } else {
        fitted = new TrajectoryFitter(model).fit(request);
      }
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return ErrorHandler.BAD_INPUT;
    }
    TrajectoryReport report = TrajectoryReport.of(request, cls, model, fitted);
    PrintWriter out = spec.commandLine().getOut();
    out.println(json ? report.toJson() : report.toText());
    out.flush();
    return 0;
  }

  private static Instant parseInstant(String text) {
    try {
      return Instant.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "must be an ISO-8601 instant such as 2024-11-21T02:00:00Z, was '" + text + "'", e);
    }
  }
}
