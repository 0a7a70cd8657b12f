package org.tocsin.sim;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.tocsin.alert.Policy;

/**
 * A scenario as described in {@code docs/SCENARIOS.md}, with its defaults applied. Read one with
 * {@link ScenarioLoader}.
 *
 * @param name matches {@code [a-z0-9-]+}
 * @param description free text, if given
 * @param start when the simulated clock starts; not after the first launch
 * @param seed the random seed for sensor noise and dispersion
 * @param areas a bundled area set id or a path to GeoJSON, as written
 * @param policy the warning policy
 * @param threats at least one, ids unique
 * @param sensors at least one, ids unique
 */
public record Scenario(
    String name,
    Optional<String> description,
    Instant start,
    long seed,
    String areas,
    Policy policy,
    List<Threat> threats,
    List<Sensor> sensors) {

  static final Pattern NAME = Pattern.compile("[a-z0-9-]+");

  public Scenario {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(areas, "areas");
    Objects.requireNonNull(policy, "policy");
    threats = List.copyOf(threats);
    sensors = List.copyOf(sensors);
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("name must match [a-z0-9-]+, was '" + name + "'");
    }
    if (threats.isEmpty() || sensors.isEmpty()) {
      throw new IllegalArgumentException("a scenario needs at least one threat and one sensor");
    }
    requireUniqueIds(threats.stream().map(Threat::id).toList(), "threat");
    requireUniqueIds(sensors.stream().map(Sensor::id).toList(), "sensor");
    Instant firstLaunch = firstLaunch(threats);
    if (start.isAfter(firstLaunch)) {
      throw new IllegalArgumentException(
          "start must not be after the first launch at " + firstLaunch + ", was " + start);
    }
  }

  /** The earliest launch time of the scenario's threats. */
  public Instant firstLaunch() {
    return firstLaunch(threats);
  }

  private static Instant firstLaunch(List<Threat> threats) {
    return threats.stream().map(Threat::launchTime).min(Comparator.naturalOrder()).orElseThrow();
  }

  private static void requireUniqueIds(List<String> ids, String what) {
    Set<String> seen = new HashSet<>();
    for (String id : ids) {
      if (!seen.add(id)) {
        throw new IllegalArgumentException("duplicate " + what + " id '" + id + "'");
      }
    }
  }
}
