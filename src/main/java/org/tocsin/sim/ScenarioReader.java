package org.tocsin.sim;

import static org.tocsin.sim.MappingReader.Presence.OPTIONAL;
import static org.tocsin.sim.MappingReader.Presence.REQUIRED;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.tocsin.alert.Policy;
import org.tocsin.flight.Times;

/**
 * Turns a scenario's YAML tree into a {@link Scenario}, field by field, collecting every problem.
 * Physics (whether a trajectory can be flown) is checked afterwards, by {@link ScenarioLoader}.
 */
final class ScenarioReader {

  /** The clock starts this long before the first launch unless the scenario says otherwise. */
  static final Duration DEFAULT_LEAD = Duration.ofMinutes(5);

  private ScenarioReader() {}

  /** The scenario, or empty when {@code problems} has grown. */
  static Optional<Scenario> read(MappingReader root, List<String> problems) {
    int before = problems.size();
    Optional<String> name = root.text("name", REQUIRED);
    name.filter(value -> !Scenario.NAME.matcher(value).matches())
        .ifPresent(value -> root.problem("name", "must match [a-z0-9-]+, was '" + value + "'"));
    Optional<String> description = root.text("description", OPTIONAL);
    Optional<Instant> start = root.instant("start", OPTIONAL);
    Optional<Long> seed = root.wholeNumber("seed", OPTIONAL, Rule.ANY);
    Optional<String> areas = root.text("areas", REQUIRED);
    Optional<Policy> policy = root.mapping("policy", OPTIONAL).flatMap(ScenarioReader::policy);
    List<Threat> threats = new ArrayList<>();
    ThreatReader threatReader = new ThreatReader();
    root.mappings("threats", REQUIRED)
        .ifPresent(all -> all.forEach(threat -> threatReader.read(threat).ifPresent(threats::add)));
    List<Sensor> sensors = new ArrayList<>();
    SensorReader sensorReader = new SensorReader();
    root.mappings("sensors", REQUIRED)
        .ifPresent(all -> all.forEach(sensor -> sensorReader.read(sensor).ifPresent(sensors::add)));
    root.rejectUnknownFields();
    if (problems.size() > before) {
      return Optional.empty();
    }
    Instant firstLaunch =
        threats.stream().map(Threat::launchTime).min(Comparator.naturalOrder()).orElseThrow();
    Instant clockStart = start.orElse(firstLaunch.minus(DEFAULT_LEAD));
    if (clockStart.isAfter(firstLaunch)) {
      root.problem(
          "start", "must not be after the first launch at " + firstLaunch + ", was " + clockStart);
      return Optional.empty();
    }
    return Optional.of(
        new Scenario(
            name.orElseThrow(),
            description,
            clockStart,
            seed.orElse(0L),
            areas.orElseThrow(),
            policy.orElse(Policy.DEFAULT),
            threats,
            sensors));
  }

  private static Optional<Policy> policy(MappingReader policy) {
    Policy defaults = Policy.DEFAULT;
    Optional<Double> threshold =
        policy.number(
            "threshold", OPTIONAL, new Rule("must be within (0, 1]", p -> p > 0 && p <= 1));
    Optional<Double> bufferKm = policy.number("bufferKm", OPTIONAL, Rule.NOT_NEGATIVE);
    Optional<Double> shelterLeadS = policy.number("shelterLeadS", OPTIONAL, Rule.NOT_NEGATIVE);
    Optional<Double> allClearAfterS = policy.number("allClearAfterS", OPTIONAL, Rule.NOT_NEGATIVE);
    policy.rejectUnknownFields();
    return Optional.of(
        new Policy(
            threshold.orElse(defaults.threshold()),
            bufferKm.orElse(defaults.bufferKm()),
            shelterLeadS.map(Times::ofSeconds).orElse(defaults.shelterLead()),
            allClearAfterS.map(Times::ofSeconds).orElse(defaults.allClearAfter())));
  }
}
