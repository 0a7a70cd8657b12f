package org.tocsin.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.tocsin.flight.BallisticPropagator;
import org.tocsin.flight.FitRequest;
import org.tocsin.flight.FlightModel;
import org.tocsin.flight.Trajectory;
import org.tocsin.flight.TrajectoryFitter;
import org.tocsin.geo.GeoPoint;

/**
 * The true flights of every reentry vehicle of a scenario.
 *
 * <p>Each threat's vehicles come down spread around its mean impact point ({@link Dispersion}),
 * drawn from a random stream of the scenario seed and the threat's index, and each flies the
 * ballistic arc of its class fitted from the threat's launch point and time with the threat's
 * flight time or apogee. The impact points are drawn first, in order; the fits are then independent
 * pure computations, so running them on several threads does not change the result.
 *
 * @param vehicles every vehicle, threat by threat in scenario order, then by vehicle index
 */
public record ScenarioTruth(List<VehicleTruth> vehicles) {

  public ScenarioTruth {
    vehicles = List.copyOf(vehicles);
  }

  /** The truth of a scenario, fitted on the calling thread. */
  public static ScenarioTruth of(Scenario scenario) {
    return of(scenario, Runnable::run);
  }

  /**
   * The truth of a scenario, each vehicle fitted as a task on {@code executor}; the result is the
   * same whatever the executor.
   *
   * @throws IllegalArgumentException when a vehicle's dispersed impact point cannot be reached with
   *     the threat's flight time or apogee (the mean impact point was checked when the scenario was
   *     read)
   */
  public static ScenarioTruth of(Scenario scenario, Executor executor) {
    List<CompletableFuture<VehicleTruth>> fits = new ArrayList<>();
    List<Threat> threats = scenario.threats();
    for (int t = 0; t < threats.size(); t++) {
      Threat threat = threats.get(t);
      Random random = new Random(Seeds.derive(scenario.seed(), Seeds.Purpose.DISPERSION, t));
      List<GeoPoint> impacts =
          Dispersion.impactPoints(
              threat.impact(), threat.reentryVehicles(), threat.dispersionKm() * 1000, random);
      for (int v = 0; v < impacts.size(); v++) {
        FitRequest request = threat.fitRequestTo(impacts.get(v));
        int index = v;
        fits.add(
            CompletableFuture.supplyAsync(
                () -> new VehicleTruth(threat.id(), index, fly(threat, request)), executor));
      }
    }
    try {
      return new ScenarioTruth(fits.stream().map(CompletableFuture::join).toList());
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** The vehicles of one threat, by index; empty for an unknown id. */
  public List<VehicleTruth> vehiclesOf(String threatId) {
    return vehicles.stream().filter(vehicle -> vehicle.threatId().equals(threatId)).toList();
  }

  private static Trajectory fly(Threat threat, FitRequest request) {
    FlightModel model = FlightModel.of(threat.threatClass());
    return new BallisticPropagator(model)
        .trace(new TrajectoryFitter(model).fit(request).initialState());
  }
}
