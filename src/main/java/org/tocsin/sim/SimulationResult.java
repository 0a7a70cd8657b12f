package org.tocsin.sim;

import java.util.List;
import java.util.Map;
import org.tocsin.alert.AlertEvent;
import org.tocsin.area.AreaSet;

/**
 * Everything a simulation produced: the alert events (with scenario threat ids), the predictions,
 * when each threat was first reported, and how long each report took to decide on.
 *
 * @param scenario the scenario
 * @param truth its truth
 * @param areas the warning areas
 * @param events every alert event, in order, with the scenario's threat ids
 * @param predictions every prediction, in order
 * @param firstReports the arrival of the first report about each threat, by scenario threat id
 * @param decisionLatenciesMs wall-clock time from each report entering the pipeline to its decision
 *     being final (ms)
 */
record SimulationResult(
    Scenario scenario,
    ScenarioTruth truth,
    AreaSet areas,
    List<AlertEvent> events,
    List<Prediction> predictions,
    Map<String, java.time.Instant> firstReports,
    double[] decisionLatenciesMs,
    double simulatedSpanS) {}
