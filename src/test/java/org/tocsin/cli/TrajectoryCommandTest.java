package org.tocsin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class TrajectoryCommandTest {

  private static final String[] DNIPRO = {
    "trajectory",
    "--from",
    "48.58,45.75",
    "--to",
    "48.44,35.01",
    "--flight-time",
    "900",
    "--launch-time",
    "2024-11-21T02:00:00Z"
  };

  private final InProcessCli cli = new InProcessCli();

  /**
   * {@code --minimum-energy} fits the arc of least launch speed: arcs a tenth shorter or longer in
   * flight time need more speed. Over the Dnipro range it flies about 499 s with drag from the
   * ground (417 s in vacuum, the "about seven minutes" of the closed-form arc).
   */
  @Test
  void minimumEnergyIsTheArcOfLeastLaunchSpeed() throws Exception {
    String[] base = {
      "trajectory",
      "--from",
      "48.58,45.75",
      "--to",
      "48.44,35.01",
      "--launch-time",
      "2024-11-21T02:00:00Z",
      "--json"
    };
    assertThat(cli.run(concat(base, "--minimum-energy"))).isZero();
    JsonNode least = new ObjectMapper().readTree(cli.out());
    double timeS = least.get("flightTimeS").asDouble();
    assertThat(timeS).isBetween(480.0, 520.0);
    for (double factor : new double[] {0.9, 1.1}) {
      cli.clear();
      assertThat(cli.run(concat(base, "--flight-time", String.valueOf(factor * timeS)))).isZero();
      assertThat(new ObjectMapper().readTree(cli.out()).get("initialSpeedMps").asDouble())
          .isGreaterThan(least.get("initialSpeedMps").asDouble());
    }
    cli.clear();
    assertThat(cli.run(concat(base, "--minimum-energy", "--no-drag"))).isZero();
    assertThat(new ObjectMapper().readTree(cli.out()).get("flightTimeS").asDouble())
        .isBetween(410.0, 425.0);
  }

  @Test
  void jsonReportsTheFittedDniproFlight() throws Exception {
    int status = cli.run(concat(DNIPRO, "--json"));

    assertThat(status).isZero();
    assertThat(cli.err()).isEmpty();
    JsonNode json = new ObjectMapper().readTree(cli.out());
    assertThat(cli.out().trim().lines()).hasSize(1);
    assertThat(json.get("from").get("lat").asDouble()).isEqualTo(48.58);
    assertThat(json.get("to").get("lon").asDouble()).isEqualTo(35.01);
    assertThat(json.get("class").asText()).isEqualTo("irbm");
    assertThat(json.get("ballisticCoefficientKgM2").asDouble()).isEqualTo(15000);
    assertThat(json.get("drag").asBoolean()).isTrue();
    assertThat(json.get("rangeKm").asDouble()).isBetween(790.0, 796.0);
    assertThat(json.get("flightTimeS").asDouble()).isCloseTo(900, within(0.001));
    assertThat(json.get("apogeeKm").asDouble()).isBetween(700.0, 900.0);
    assertThat(json.get("initialSpeedMps").asDouble()).isPositive();
    assertThat(json.get("impactSpeedMps").asDouble()).isPositive();
    assertThat(json.get("impactMach").asDouble())
        .isCloseTo(json.get("impactSpeedMps").asDouble() / 340.29, within(0.01));
    assertThat(json.get("impactAngleDeg").asDouble()).isBetween(0.0, 90.0);
    assertThat(json.get("launchTime").asText()).isEqualTo("2024-11-21T02:00:00Z");
    assertThat(json.get("impactTime").asText()).isEqualTo("2024-11-21T02:15:00Z");
    assertThat(json.get("impact").get("lat").asDouble()).isCloseTo(48.44, within(1e-5));
    assertThat(json.get("impact").get("lon").asDouble()).isCloseTo(35.01, within(1e-5));
    JsonNode state = json.get("initialState");
    assertThat(state.get("time").asText()).isEqualTo("2024-11-21T02:00:00Z");
    assertThat(state.get("positionEcefM")).hasSize(3);
    assertThat(state.get("velocityEcefMps")).hasSize(3);
    double radiusM =
        Math.sqrt(
            Math.pow(state.get("positionEcefM").get(0).asDouble(), 2)
                + Math.pow(state.get("positionEcefM").get(1).asDouble(), 2)
                + Math.pow(state.get("positionEcefM").get(2).asDouble(), 2));
    assertThat(radiusM).isBetween(6_356_000.0, 6_379_000.0);
  }

  @Test
  void noDragFliesInVacuumAndApogeeIsAnAlternativeToFlightTime() throws Exception {
    int status =
        cli.run(
            "trajectory",
            "--from",
            "39.25,125.87",
            "--to",
            "39.9,137.0",
            "--apogee",
            "4500",
            "--class",
            "icbm",
            "--no-drag",
            "--json",
            "--launch-time",
            "2017-11-28T18:17:00Z");

    assertThat(status).isZero();
    JsonNode json = new ObjectMapper().readTree(cli.out());
    assertThat(json.get("drag").asBoolean()).isFalse();
    assertThat(json.get("class").asText()).isEqualTo("icbm");
    assertThat(json.get("ballisticCoefficientKgM2").asDouble()).isEqualTo(20000);
    assertThat(json.get("apogeeKm").asDouble()).isCloseTo(4500, within(0.01));
    assertThat(json.get("branch").asText()).isEqualTo("lofted");
  }

  @Test
  void plainOutputIsAReadableSummary() {
    int status = cli.run(DNIPRO);

    assertThat(status).isZero();
    assertThat(cli.out())
        .contains("Trajectory of class irbm (β 15000 kg/m², with drag), lofted arc")
        .contains("flight   900.0 s, apogee")
        .contains("impact   48.44000°N 35.01000°E at 2024-11-21T02:15:00Z")
        .contains("Mach");
  }

  @Test
  void launchTimeDefaultsToTheClock() throws Exception {
    Clock clock = Clock.fixed(Instant.parse("2030-01-02T03:04:05.678Z"), ZoneOffset.UTC);
    cli.run(
        new CommandLine(new TocsinCommand(), new ClockFactory(clock)),
        "trajectory",
        "--from",
        "48.58,45.75",
        "--to",
        "48.44,35.01",
        "--flight-time",
        "900",
        "--json");

    JsonNode json = new ObjectMapper().readTree(cli.out());
    assertThat(json.get("launchTime").asText()).isEqualTo("2030-01-02T03:04:05Z");
  }

  @Test
  void everyBadValueGetsItsOwnLineAndExitStatusTwo() {
    int status =
        cli.run(
            "trajectory",
            "--from",
            "91,45",
            "--to",
            "48.44,35.01",
            "--flight-time",
            "-5",
            "--class",
            "cruise",
            "--launch-time",
            "yesterday");

    assertThat(status).isEqualTo(2);
    assertThat(cli.out()).isEmpty();
    assertThat(cli.err().lines())
        .containsExactly(
            "error: --from: latitude must be within [-90, 90] degrees, was 91.0",
            "error: --class: class must be one of srbm, mrbm, irbm, icbm, was 'cruise'",
            "error: --launch-time: must be an ISO-8601 instant such as 2024-11-21T02:00:00Z,"
                + " was 'yesterday'",
            "error: --flight-time: flight time must be positive, was -5.0 s");
    assertThat(cli.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void samePointsAreRefused() {
    int status =
        cli.run(
            "trajectory", "--from", "48.58,45.75", "--to", "48.58,45.75", "--flight-time", "300");

    assertThat(status).isEqualTo(2);
    assertThat(cli.err().strip())
        .isEqualTo("error: launch and impact points must be at least 1 km apart, were 0 m apart");
  }

  @Test
  void anImpossibleFlightTimeIsRefusedWithWhatWouldWork() {
    int status =
        cli.run(
            "trajectory", "--from", "48.58,45.75", "--to", "48.44,35.01", "--flight-time", "30");

    assertThat(status).isEqualTo(2);
    assertThat(cli.err())
        .startsWith("error: flight time 30.0 s is too short")
        .contains("minimum-energy arc takes about");
  }

  @Test
  void missingOrConflictingOptionsExitWithStatusTwo() {
    assertThat(cli.run("trajectory", "--from", "48.58,45.75", "--flight-time", "300")).isEqualTo(2);
    assertThat(cli.err()).contains("Missing required option: '--to=LAT,LON'");
    assertThat(
            cli.run(
                "trajectory",
                "--from",
                "48.58,45.75",
                "--to",
                "48.44,35.01",
                "--flight-time",
                "900",
                "--apogee",
                "800"))
        .isEqualTo(2);
    assertThat(cli.err()).contains("mutually exclusive");
  }

  @Test
  void helpListsTheCommands() {
    assertThat(cli.run("--help")).isZero();
    assertThat(cli.out()).contains("trajectory");
  }

  /**
   * The most apogee named for an impossible request is the real limit: the same for any request
   * beyond it on the route, and checked by flying just below it (works) and just above (refused).
   * With drag, a slow-falling short-range body is bounded by escape speed at launch (drag eats the
   * rest); in vacuum the steeper arcs are bounded by the longest flight the model flies.
   */
  @ParameterizedTest(name = "{0} {1} to {2}, drag {3}")
  @CsvSource({
    "srbm, '50.6,36.6', '49.99,36.23', true, launch speed at or above escape speed",
    "irbm, '48.58,45.75', '48.44,35.01', false, fly longer than 6 hours"
  })
  void theMostApogeeNamedForAnImpossibleRequestIsTheRealLimit(
      String threatClass, String from, String to, boolean drag, String reason) {
    double limitKm = namedApogeeLimitKm(threatClass, from, to, drag, "100000");
    assertThat(cli.err()).contains(reason);
    assertThat(namedApogeeLimitKm(threatClass, from, to, drag, String.valueOf(limitKm * 1.1)))
        .as("the same limit for another request beyond it")
        .isCloseTo(limitKm, within(1.0));

    // The limit is named to the kilometre: 0.3 % either side is clear of the rounding.
    double below = Math.floor(limitKm * 0.997);
    assertThat(apogee(threatClass, from, to, drag, String.valueOf(below))).as(cli.err()).isZero();
    double above = Math.ceil(limitKm * 1.003);
    assertThat(apogee(threatClass, from, to, drag, String.valueOf(above))).isEqualTo(2);
    assertThat(cli.err()).contains("the most apogee that works is about " + (long) limitKm + " km");
  }

  private double namedApogeeLimitKm(
      String threatClass, String from, String to, boolean drag, String apogeeKm) {
    assertThat(apogee(threatClass, from, to, drag, apogeeKm)).isEqualTo(2);
    java.util.regex.Matcher limit =
        java.util.regex.Pattern.compile("the most apogee that works is about (\\d+) km")
            .matcher(cli.err());
    assertThat(limit.find()).as(cli.err()).isTrue();
    return Double.parseDouble(limit.group(1));
  }

  private int apogee(String threatClass, String from, String to, boolean drag, String apogeeKm) {
    cli.clear();
    List<String> args =
        new ArrayList<>(
            List.of(
                "trajectory",
                "--from",
                from,
                "--to",
                to,
                "--class",
                threatClass,
                "--apogee",
                apogeeKm,
                "--launch-time",
                "2024-11-21T02:00:00Z"));
    if (!drag) {
      args.add("--no-drag");
    }
    return cli.run(args.toArray(String[]::new));
  }

  private static String[] concat(String[] head, String... tail) {
    String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    return all;
  }

  /** Builds commands with a fixed clock where a command takes one. */
  private record ClockFactory(Clock clock) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
      if (type == TrajectoryCommand.class) {
        return type.cast(new TrajectoryCommand(clock));
      }
      return CommandLine.defaultFactory().create(type);
    }
  }
}
