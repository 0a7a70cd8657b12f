package org.tocsin.atlas;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleConsumer;
import java.util.function.Supplier;
import org.tocsin.area.Area;
import org.tocsin.area.AreaSet;
import org.tocsin.flight.BallisticPropagator;
import org.tocsin.flight.FlightModel;
import org.tocsin.geo.GeoPoint;
import org.tocsin.geo.GeodesicPath;
import org.tocsin.geo.Geodesics;

/**
 * Computes a shelter-time atlas: for every area, the planning flight time of a missile of the class
 * from the nearest of the launch points, and the warning time that leaves.
 *
 * <p>The planning flight time is the boost allowance plus the flight time of the minimum-energy arc
 * (the least launch speed, under the full flight model with the class's ballistic coefficient) from
 * the launch point to the point of the area nearest it; over several launch points, the shortest.
 * It is a nominal figure, not a bound: a depressed arc arrives sooner, a lofted one later.
 *
 * <p>Three steps, each as tasks on the given executor: every launch point's view of the areas (the
 * nearest points by {@link NearestPoints}, their ranges and azimuths on the ellipsoid); the
 * minimum-energy curves those targets need ({@link MinimumEnergyTables}, shared between launch
 * points at the same latitude); then each area's shortest time over the launch points.
 */
public final class ShelterAtlas {

  /** The most launch points accepted: a region is sampled, never enumerated. */
  public static final int MAX_LAUNCHES = 1_000;

  /** The share of the progress given to finding the nearest points; the curves take the rest. */
  private static final double NEAREST_SHARE = 0.1;

  private final AtlasSettings settings;
  private final Executor executor;
  private final BallisticPropagator propagator;

  /**
   * @param executor runs one task per launch point ({@code Runnable::run} runs them in turn)
   */
  public ShelterAtlas(AtlasSettings settings, Executor executor) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.propagator = new BallisticPropagator(FlightModel.of(settings.threatClass()));
  }

  /**
   * @param progress told the share of launch points done, from 0 to 1, from the executor's threads
   * @throws IllegalArgumentException when there are no launch points or more than {@link
   *     #MAX_LAUNCHES}
   */
  public Atlas compute(AreaSet areaSet, List<GeoPoint> launches, DoubleConsumer progress) {
    if (launches.isEmpty() || launches.size() > MAX_LAUNCHES) {
      throw new IllegalArgumentException(
          "launch points must number 1 to " + MAX_LAUNCHES + ", were " + launches.size());
    }
    List<GeoPoint> grounded = launches.stream().map(launch -> launch.withHeightM(0)).toList();
    NearestPoints nearest = new NearestPoints(areaSet.areas());
    List<FromLaunch> views =
        inParallel(
            grounded.stream()
                .<Supplier<FromLaunch>>map(launch -> () -> view(nearest, launch))
                .toList(),
            executor,
            share -> progress.accept(NEAREST_SHARE * share));
    double maxRangeM = settings.threatClass().maxRangeKm() * 1000;
    MinimumEnergyTables.Needs needs = new MinimumEnergyTables.Needs();
    for (FromLaunch view : views) {
      for (int i = 0; i < view.rangesM().length; i++) {
        if (view.rangesM()[i] <= maxRangeM) {
          needs.add(view.launch(), view.azimuthsDeg()[i], view.rangesM()[i]);
        }
      }
    }
    MinimumEnergyTables tables =
        MinimumEnergyTables.trace(
            propagator,
            needs,
            executor,
            share -> progress.accept(NEAREST_SHARE + (1 - NEAREST_SHARE) * share));
    List<AreaTime> times = new ArrayList<>(nearest.size());
    for (int i = 0; i < nearest.size(); i++) {
      times.add(combine(nearest.area(i), i, views, tables));
    }
    return new Atlas(settings, areaSet.id(), grounded, times);
  }

  /** One launch point's view of every area: nearest points, ranges and azimuths. */
  private record FromLaunch(
      GeoPoint launch, GeoPoint[] nearest, double[] rangesM, double[] azimuthsDeg) {}

  private static FromLaunch view(NearestPoints nearest, GeoPoint launch) {
    int count = nearest.size();
    GeoPoint[] points = new GeoPoint[count];
    double[] ranges = new double[count];
    double[] azimuths = new double[count];
    for (int i = 0; i < count; i++) {
      points[i] = nearest.nearest(i, launch);
      GeodesicPath path = Geodesics.WGS84.inverse(launch, points[i]);
      ranges[i] = path.distanceM();
      azimuths[i] = path.initialAzimuthDeg();
    }
    return new FromLaunch(launch, points, ranges, azimuths);
  }

  /**
   * Runs each job as its own task on the executor and gives their results in the jobs' order.
   *
   * @param progress told the share of jobs done, from 0 to 1, as each completes
   */
  static <T> List<T> inParallel(
      List<Supplier<T>> jobs, Executor executor, DoubleConsumer progress) {
    AtomicInteger done = new AtomicInteger();
    List<CompletableFuture<T>> tasks = new ArrayList<>();
    for (Supplier<T> job : jobs) {
      tasks.add(
          CompletableFuture.supplyAsync(job, executor)
              .whenComplete(
                  (result, error) ->
                      progress.accept((double) done.incrementAndGet() / jobs.size())));
    }
    return tasks.stream().map(CompletableFuture::join).toList();
  }

  private AreaTime combine(
      Area area, int index, List<FromLaunch> views, MinimumEnergyTables tables) {
    double maxRangeM = settings.threatClass().maxRangeKm() * 1000;
    FromLaunch fastest = null;
    double fastestS = Double.POSITIVE_INFINITY;
    FromLaunch closest = null;
    boolean withinBand = false;
    for (FromLaunch view : views) {
      double rangeM = view.rangesM()[index];
      if (rangeM <= maxRangeM) {
        withinBand = true;
        OptionalDouble time = tables.flightTimeS(view.launch(), view.azimuthsDeg()[index], rangeM);
        if (time.isPresent() && time.getAsDouble() < fastestS) {
          fastest = view;
          fastestS = time.getAsDouble();
        }
      }
      if (closest == null || rangeM < closest.rangesM()[index]) {
        closest = view;
      }
    }
    if (fastest == null) {
      return new AreaTime(
          area,
          withinBand ? RangeBand.BEYOND_MODEL_REACH : RangeBand.BEYOND,
          closest.launch(),
          closest.nearest()[index],
          closest.rangesM()[index] / 1000,
          OptionalDouble.empty(),
          OptionalDouble.empty());
    }
    double rangeM = fastest.rangesM()[index];
    double flightS = settings.boostS() + fastestS;
    RangeBand band =
        rangeM < settings.threatClass().minRangeKm() * 1000
            ? RangeBand.SHORT_OF_MINIMUM
            : RangeBand.WITHIN;
    return new AreaTime(
        area,
        band,
        fastest.launch(),
        fastest.nearest()[index],
        rangeM / 1000,
        OptionalDouble.of(flightS),
        OptionalDouble.of(settings.warningTimeS(flightS)));
  }
}
