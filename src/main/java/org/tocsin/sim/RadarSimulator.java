package org.tocsin.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.tocsin.geo.Ellipsoid;
import org.tocsin.geo.LocalFrame;
import org.tocsin.track.RadarMeasurement;
import org.tocsin.track.RadarPlot;

/**
 * A synthetic radar. It looks at {@code start + k·period} (k = 0, 1, …) and reports every vehicle
 * in flight then that it sees: at an elevation of at least {@code minElevationDeg} in the site's
 * east-north-up frame and no farther than {@code maxRangeKm} (an elevation of 0 or more already
 * means the Earth is not in the way). Each report is the true range, azimuth and elevation plus
 * independent Gaussian errors of the radar's sigmas; azimuth is wrapped into [0, 2π), elevation
 * clamped into [−π/2, π/2]. The plots of one look are listed by measured azimuth, as a scan would
 * find them, so that their order says nothing about which vehicle is which.
 */
final class RadarSimulator {

  private final RadarSensor sensor;
  private final LocalFrame site;
  private final Random random;

  RadarSimulator(RadarSensor sensor, Random random) {
    this.sensor = sensor;
    this.site = Ellipsoid.WGS84.localFrameAt(sensor.site());
    this.random = random;
  }

  List<TruePlot> observe(Instant start, List<VehicleTruth> vehicles) {
    List<TruePlot> plots = new ArrayList<>();
    if (vehicles.isEmpty()) {
      return plots;
    }
    Instant firstLaunch =
        vehicles.stream().map(VehicleTruth::launchTime).min(Comparator.naturalOrder()).get();
    Instant lastImpact =
        vehicles.stream().map(VehicleTruth::impactTime).max(Comparator.naturalOrder()).get();
    long periodNs = sensor.period().toNanos();
    long firstLook = -Math.floorDiv(-Duration.between(start, firstLaunch).toNanos(), periodNs);
    long lastLook = Math.floorDiv(Duration.between(start, lastImpact).toNanos(), periodNs);
    for (long look = firstLook; look <= lastLook; look++) {
      Instant time = start.plusNanos(look * periodNs);
      List<TruePlot> seen = new ArrayList<>();
      for (VehicleTruth vehicle : vehicles) {
        if (!time.isBefore(vehicle.launchTime()) && !time.isAfter(vehicle.impactTime())) {
          look(vehicle, time).ifPresent(seen::add);
        }
      }
      seen.sort(Comparator.comparingDouble(plot -> plot.plot().measurement().azimuthRad()));
      plots.addAll(seen);
    }
    return plots;
  }

  /** Whether a radar at this site sees a point at these site ENU coordinates (m). */
  private boolean sees(Vector3D enuM) {
    double rangeM = enuM.getNorm();
    return rangeM > 0
        && rangeM <= sensor.maxRangeKm() * 1000
        && Math.asin(enuM.getZ() / rangeM) >= Math.toRadians(sensor.minElevationDeg());
  }

  private Optional<TruePlot> look(VehicleTruth vehicle, Instant time) {
    Vector3D positionEcefM = vehicle.trajectory().stateAt(time).positionEcefM();
    if (!sees(site.toEnu(positionEcefM))) {
      return Optional.empty();
    }
    RadarMeasurement truth = RadarMeasurement.of(site, positionEcefM);
    double azimuthSigmaRad = sensor.azimuthSigmaMrad() / 1000;
    double elevationSigmaRad = sensor.elevationSigmaMrad() / 1000;
    RadarMeasurement noisy =
        new RadarMeasurement(
            Math.max(
                Double.MIN_NORMAL, truth.rangeM() + random.nextGaussian() * sensor.rangeSigmaM()),
            wrapped(truth.azimuthRad() + random.nextGaussian() * azimuthSigmaRad),
            clamped(truth.elevationRad() + random.nextGaussian() * elevationSigmaRad));
    RadarPlot plot =
        new RadarPlot(
            sensor.id(),
            time,
            sensor.site(),
            noisy,
            sensor.rangeSigmaM(),
            azimuthSigmaRad,
            elevationSigmaRad);
    return Optional.of(new TruePlot(vehicle, truth, plot));
  }

  /** The same direction within [0, 2π). */
  static double wrapped(double azimuthRad) {
    double twoPi = 2 * Math.PI;
    double wrapped = azimuthRad % twoPi;
    if (wrapped < 0) {
      wrapped += twoPi;
    }
    return wrapped >= twoPi ? 0 : wrapped;
  }

  static double clamped(double elevationRad) {
    return Math.max(-Math.PI / 2, Math.min(Math.PI / 2, elevationRad));
  }
}
