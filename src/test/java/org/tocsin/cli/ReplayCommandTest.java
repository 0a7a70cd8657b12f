package org.tocsin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tocsin.alert.AlertStatus;
import org.tocsin.alert.MessageType;
import org.tocsin.node.PublishedEvent;
import org.tocsin.sensors.FastClock;
import org.tocsin.sensors.ReportServer;
import org.tocsin.sensors.RetryPolicy;
import org.tocsin.sim.Scenario;
import org.tocsin.sim.ScenarioLoader;
import picocli.CommandLine;

/**
 * {@code tocsin replay}: the Kharkiv scenario's reports posted to a real server whose clock runs a
 * hundred times real time, as a test server's does, through a node that refuses connections first.
 */
class ReplayCommandTest {

  private static final String KHARKIV = "scenarios/kharkiv-srbm.yaml";
  private static final double SPEED = 100;

  @TempDir Path dir;

  private final InProcessCli cli = new InProcessCli();

  @Test
  void aScenarioIsPostedWholeToTheNextNodeWhenTheFirstRefusesAndItsThreatIsWarned()
      throws Exception {
    Scenario kharkiv = ScenarioLoader.load(Path.of(KHARKIV));
    String deadNode = "http://127.0.0.1:" + freePort() + "/";
    try (ReportServer server =
        ReportServer.start(dir, kharkiv, new FastClock(SPEED), SPEED, AlertStatus.EXERCISE)) {
      // Keys in a file of options, as the README advises, out of the process list.
      Path keyFile = dir.resolve("keys.txt");
      Files.writeString(
          keyFile,
          "--key ir-1="
              + server.key("ir-1")
              + "\n--key radar-kharkiv="
              + server.key("radar-kharkiv")
              + "\n");
      int status =
          cli.run(
              command(),
              "replay",
              KHARKIV,
              "--to",
              deadNode,
              "--to",
              server.url(),
              "@" + keyFile,
              "--speed",
              String.valueOf(SPEED));

      assertThat(status).as(cli.err() + cli.out()).isZero();
      long reports = server.journalledReports();
      assertThat(cli.out())
          .contains("Replaying kharkiv-srbm: " + reports + " reports in ")
          .contains("(Exercise) at 100.0x")
          .containsPattern(
              "Done: (\\d+) of \\1 batches and "
                  + reports
                  + " of "
                  + reports
                  + " reports"
                  + " acknowledged, \\d+ retries, [\\d.]+ s elapsed\\.");
      assertThat(cli.err())
          .contains("warning: --to " + deadNode + " did not answer")
          .contains("warning: retrying at " + server.url() + ": " + deadNode);
      assertThat(server.live().eventsAfter(0))
          .extracting(PublishedEvent::event)
          .anySatisfy(event -> assertThat(event.type()).isEqualTo(MessageType.ALERT));
    }
  }

  @Test
  void aWrongKeyStopsTheReplayWithTheServersProblem() throws Exception {
    Scenario kharkiv = ScenarioLoader.load(Path.of(KHARKIV));
    try (ReportServer server =
        ReportServer.start(dir, kharkiv, new FastClock(SPEED), SPEED, AlertStatus.EXERCISE)) {
      String wrongKey = "AAAAAAAAAAAA." + "B".repeat(43);
      int status =
          cli.run(
              command(),
              "replay",
              KHARKIV,
              "--to",
              server.url(),
              "--key",
              "ir-1=" + server.key("ir-1"),
              "--key",
              "radar-kharkiv=" + wrongKey,
              "--speed",
              "100");

      assertThat(status).isEqualTo(1);
      assertThat(cli.err())
          .contains("error: the server refused radar-kharkiv's ")
          .contains("answered 401: a sensor API key is required")
          .doesNotContain(wrongKey);
      assertThat(cli.out()).contains("Stopped: 0 of ");
      assertThat(server.journalledReports()).isZero();
    }
  }

  @Test
  void everyBadOptionIsNamedWithItsRuleBeforeAnythingIsSent() {
    String secret = "AAAAAAAAAAAA." + "C".repeat(43);

    int status =
        cli.run(
            "replay",
            KHARKIV,
            "--to",
            "ftp://127.0.0.1/",
            "--key",
            "radar-kyiv=" + secret,
            "--key",
            "ir-1=",
            "--speed",
            "1001");

    assertThat(status).isEqualTo(2);
    assertThat(cli.err().lines().toList())
        .containsExactly(
            "error: --to: must be an http or https URL with a host, such as"
                + " http://127.0.0.1:8080/, was 'ftp://127.0.0.1/'",
            "error: --speed: must be within (0, 1000], was 1001.0",
            "error: --key: 'radar-kyiv' is not a sensor of the scenario, whose sensors are ir-1,"
                + " radar-kharkiv",
            "error: --key: the key of sensor 'ir-1' must not be empty");
    assertThat(cli.err()).doesNotContain(secret);
    assertThat(cli.out()).isEmpty();
  }

  @Test
  void aScenarioThatCannotBeReadAndMissingOrBareKeysAreRefused() {
    List<String> errors =
        List.of(
            errors(
                "replay", dir.resolve("none.yaml").toString(), "--to", "http://h/", "--key", "k"),
            errors("replay", KHARKIV, "--to", "http://h/", "--key", "bare-key"),
            errors("replay", KHARKIV, "--to", "http://h/", "--key", "ir-1=k"),
            errors("replay", KHARKIV, "--to", "http://h/"));

    assertThat(errors.get(0)).startsWith("error: SCENARIO.yaml: cannot read " + dir);
    assertThat(errors.get(1))
        .startsWith(
            "error: --key: each of the scenario's sensors (ir-1, radar-kharkiv) posts with its own"
                + " key")
        .doesNotContain("bare-key");
    assertThat(errors.get(2)).startsWith("error: --key: no key for sensor radar-kharkiv:");
    assertThat(errors.get(3)).startsWith("error: Missing required option: '--key=SENSOR=KEY'");
  }

  @Test
  void aServerThatWarnsForRealOrRunsAnotherClockIsRefused() throws Exception {
    Scenario kharkiv = ScenarioLoader.load(Path.of(KHARKIV));
    try (ReportServer actual =
        ReportServer.start(
            dir.resolve("actual"), kharkiv, Clock.systemUTC(), 1, AlertStatus.ACTUAL)) {
      String[] keys = {
        "--key",
        "ir-1=" + actual.key("ir-1"),
        "--key",
        "radar-kharkiv=" + actual.key("radar-kharkiv")
      };
      String realServer = errors(withKeys(keys, "replay", KHARKIV, "--to", actual.url()));
      assertThat(realServer)
          .startsWith(
              "error: --to: "
                  + actual.url()
                  + " runs as Actual: a replay's reports would warn people for real");
      assertThat(actual.journalledReports()).isZero();
    }
    try (ReportServer realTime =
        ReportServer.start(
            dir.resolve("exercise"), kharkiv, Clock.systemUTC(), 1, AlertStatus.EXERCISE)) {
      String[] keys = {"--key", "ir-1=k", "--key", "radar-kharkiv=k"};
      String fast =
          errors(withKeys(keys, "replay", KHARKIV, "--to", realTime.url(), "--speed", "100"));
      assertThat(fast)
          .startsWith(
              "error: --speed: must be the rate of the clock of " + realTime.url() + ", 1.0,");
    }
  }

  /** The command line with retries short enough for a test. */
  private static CommandLine command() {
    CommandLine commandLine = TocsinCommand.commandLine();
    ReplayCommand replay = (ReplayCommand) commandLine.getSubcommands().get("replay").getCommand();
    replay.retry = new RetryPolicy(5, Duration.ofMillis(20), Duration.ofMillis(200));
    return commandLine;
  }

  /** What a run that must fail with exit status 2 printed on standard error. */
  private static String errors(String... args) {
    InProcessCli one = new InProcessCli();
    assertThat(one.run(args)).as(one.err()).isEqualTo(2);
    assertThat(one.out()).isEmpty();
    return one.err();
  }

  private static String[] withKeys(String[] keys, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of(keys));
    return all.toArray(String[]::new);
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
