package org.tocsin.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.tocsin.track.Observation;

/**
 * The reports that a scenario's sensors make of its true flights, as the pipeline will see them.
 *
 * <p>Each sensor draws its noise from its own random stream, derived from the scenario seed and the
 * sensor's index, so that adding a sensor leaves the others' reports unchanged and the same seed
 * gives the same reports. Only {@link Observation} records come out: which vehicle a plot belongs
 * to stays with the simulator.
 */
public final class SyntheticSensors {

  private SyntheticSensors() {}

  /**
   * Every sensor's reports, ordered by arrival time, then sensor id (stable otherwise).
   *
   * @param scenario the scenario, for its sensors, threats, clock start and seed
   * @param truth its true flights, from {@link ScenarioTruth#of(Scenario)}
   */
  public static List<Observation> observe(Scenario scenario, ScenarioTruth truth) {
    return observeWithTruth(scenario, truth).stream().map(Report::observation).toList();
  }

  /** The same reports with, for radar plots, the truth they were made from. */
  static List<Report> observeWithTruth(Scenario scenario, ScenarioTruth truth) {
    List<Report> reports = new ArrayList<>();
    List<Sensor> sensors = scenario.sensors();
    for (int i = 0; i < sensors.size(); i++) {
      Random random = new Random(Seeds.derive(scenario.seed(), Seeds.Purpose.SENSOR, i));
      Sensor sensor = sensors.get(i);
      if (sensor instanceof LaunchDetectionSensor detector) {
        LaunchDetectionSimulator.observe(detector, scenario.threats(), random)
            .forEach(detection -> reports.add(new Report(detection, Optional.empty())));
      } else if (sensor instanceof RadarSensor radar) {
        new RadarSimulator(radar, random)
            .observe(scenario.start(), truth.vehicles())
            .forEach(plot -> reports.add(new Report(plot.plot(), Optional.of(plot))));
      }
    }
    reports.sort(
        Comparator.comparing((Report report) -> report.observation().time())
            .thenComparing(report -> report.observation().sensorId()));
    return reports;
  }

  /**
   * A report and, for a radar plot, its truth.
   *
   * @param observation what the pipeline sees
   * @param truePlot for a radar plot, what it was made from
   */
  record Report(Observation observation, Optional<TruePlot> truePlot) {}
}
