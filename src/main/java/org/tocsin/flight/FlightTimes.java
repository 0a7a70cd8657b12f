package org.tocsin.flight;

/** Closed-form flight-time estimates, for warnings issued before any track exists. */
public final class FlightTimes {

  private static final double MEAN_RADIUS_M = 6_371_008.8;

  private FlightTimes() {}

  /**
   * Vacuum flight time (s) of the minimum-energy ballistic arc over a ground range on a spherical
   * Earth: the typical flight time for that range. Depressed arcs arrive up to about a third
   * sooner; callers warning ahead of arrival scale it down.
   *
   * @param groundRangeM range along the ground (m), positive and below half the circumference
   */
  public static double minimumEnergyFlightTimeS(double groundRangeM) {
    if (!(groundRangeM > 0) || groundRangeM >= Math.PI * MEAN_RADIUS_M) {
      throw new IllegalArgumentException(
          "ground range must be within (0, "
              + Math.PI * MEAN_RADIUS_M
              + ") m, was "
              + groundRangeM);
    }
    double rangeAngleRad = groundRangeM / MEAN_RADIUS_M;
    return KeplerianArc.flightTimeForAngleS(
        MEAN_RADIUS_M,
        rangeAngleRad,
        KeplerianArc.minimumEnergyAngleRad(rangeAngleRad),
        EarthModel.WGS84.muM3S2());
  }
}
