package org.tocsin.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.tocsin.track.Observation;

/**
 * A scenario's synthetic reports ({@link SyntheticSensors}) moved to the present: every time in
 * them shifted so that the scenario's start falls on {@code origin}, grouped into the batches that
 * arrive together. What a replay feeds to a server, in process ({@code tocsin serve --replay},
 * {@code tocsin demo}) or over HTTP ({@code tocsin replay}): one generator for all of them.
 *
 * @param origin where the scenario's start falls
 * @param batches the reports by arrival time, in order; each batch in the generator's order (by
 *     sensor id)
 * @param lastImpact when the last vehicle comes down, shifted the same way ({@code origin} for a
 *     scenario without vehicles)
 */
public record ScenarioReports(
    Instant origin, NavigableMap<Instant, List<Observation>> batches, Instant lastImpact) {

  public ScenarioReports {
    TreeMap<Instant, List<Observation>> copy = new TreeMap<>();
    batches.forEach((time, batch) -> copy.put(time, List.copyOf(batch)));
    batches = Collections.unmodifiableNavigableMap(copy);
  }

  /**
   * The scenario's reports with its start moved to {@code origin}.
   *
   * @param origin the present, to the replay's taste (consumers expire messages by their dates, so
   *     a report dated in 2024 would be taken as long expired)
   */
  public static ScenarioReports at(Scenario scenario, Instant origin) {
    Duration toPresent = Duration.between(scenario.start(), origin);
    ScenarioTruth truth = ScenarioTruth.of(scenario);
    TreeMap<Instant, List<Observation>> batches =
        Observation.byArrival(
            SyntheticSensors.observe(scenario, truth).stream()
                .map(observation -> observation.shiftedBy(toPresent))
                .toList());
    Instant lastImpact =
        truth.vehicles().stream()
            .map(vehicle -> vehicle.impactTime().plus(toPresent))
            .max(Instant::compareTo)
            .orElse(origin);
    return new ScenarioReports(origin, batches, lastImpact);
  }

  /** How many reports there are in all. */
  public int reportCount() {
    return batches.values().stream().mapToInt(List::size).sum();
  }
}
