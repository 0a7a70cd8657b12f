package org.tocsin.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.tocsin.alert.AlertStatus;
import org.tocsin.area.AreaSet;
import org.tocsin.node.ScenarioReplay;
import org.tocsin.sim.InvalidScenarioException;
import org.tocsin.sim.Scenario;
import org.tocsin.sim.ScenarioLoader;
import picocli.CommandLine.Option;

/**
 * The {@code --replay} and {@code --speed} options of {@code tocsin serve}: a scenario's synthetic
 * reports run through the server as an exercise, for a team that rehearses its whole chain.
 */
final class ReplayOption {

  /** The largest scenario file read: scenarios are a few kilobytes. */
  static final long MAX_SCENARIO_BYTES = 1L << 20;

  @Option(
      names = "--replay",
      paramLabel = "SCENARIO.yaml",
      description =
          "Runs the scenario's synthetic reports through this server once, as an EXERCISE, on its"
              + " database and channels: the server's status is Exercise.")
  Path scenario;

  @Option(
      names = "--speed",
      paramLabel = "FACTOR",
      description = "With --replay: how much faster than real time, up to 1000 (default: 1).")
  Double speed;

  /**
   * The server's status: Exercise with {@code --replay}, else the one given.
   *
   * @param statusGiven whether {@code --status} was given
   * @throws IllegalArgumentException when {@code --status} says otherwise than exercise with a
   *     replay
   */
  AlertStatus status(AlertStatus given, boolean statusGiven) {
    if (scenario == null) {
      return given;
    }
    if (statusGiven && given != AlertStatus.EXERCISE) {
      throw new IllegalArgumentException(
          "--status: a server that replays a scenario (--replay) runs as an exercise; give"
              + " --status exercise or leave it out, was "
              + given.capName());
    }
    return AlertStatus.EXERCISE;
  }

  /**
   * Reads and checks the scenario and the speed, before anything starts (the area set included);
   * empty without {@code --replay}.
   *
   * @throws IllegalArgumentException naming the option and every problem found
   */
  Optional<Scenario> scenario() {
    if (scenario == null) {
      if (speed != null) {
        throw new IllegalArgumentException("--speed: only with --replay");
      }
      return Optional.empty();
    }
    double factor = speed();
    if (!(factor > 0) || factor > ScenarioReplay.MAX_SPEED) {
      throw new IllegalArgumentException(
          "--speed: must be within (0, " + (int) ScenarioReplay.MAX_SPEED + "], was " + factor);
    }
    return Optional.of(load());
  }

  /**
   * Prepares the replay of a scenario read by {@link #scenario()}.
   *
   * @param areas the server's area set, which the scenario must name
   * @throws IllegalArgumentException when the scenario names another area set
   */
  ScenarioReplay prepare(Scenario loaded, AreaSet areas, Clock wall) {
    if (!loaded.areas().equals(areas.id())) {
      throw new IllegalArgumentException(
          "--replay: "
              + scenario
              + " warns over the area set '"
              + loaded.areas()
              + "', the server over '"
              + areas.id()
              + "' (--areas)");
    }
    return ScenarioReplay.prepare(loaded, speed(), ScenarioReplay.Rounds.ONCE, wall);
  }

  private double speed() {
    return speed == null ? 1 : speed;
  }

  private Scenario load() {
    return load(scenario, "--replay");
  }

  /**
   * Reads and checks a scenario file.
   *
   * @param option how the command names the file, for messages
   * @throws IllegalArgumentException naming the option, when it cannot be read, is too large or is
   *     not a valid scenario (every problem named)
   */
  static Scenario load(Path file, String option) {
    try {
      long bytes = Files.size(file);
      if (bytes > MAX_SCENARIO_BYTES) {
        throw new IllegalArgumentException(
            option
                + ": "
                + file
                + " must be at most "
                + MAX_SCENARIO_BYTES
                + " bytes, was "
                + bytes);
      }
      return ScenarioLoader.load(file);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          option + ": cannot read " + file + ": " + e.getMessage(), e);
    } catch (InvalidScenarioException e) {
      throw new IllegalArgumentException(
          option + ": " + file + " is not a valid scenario:\n" + e.getMessage(), e);
    }
  }
}
