package org.tocsin.flight;

/**
 * Local error allowed per integration step: a component passes when its error estimate is below
 * {@code absolute + relative·|value|}.
 *
 * @param positionM absolute tolerance on each position component (m)
 * @param velocityMps absolute tolerance on each velocity component (m/s)
 * @param relative relative tolerance (dimensionless)
 */
public record IntegrationTolerance(double positionM, double velocityMps, double relative) {

  /**
   * The default: impacts repeat the converged solution to a few centimetres across the classes
   * (BallisticPropagatorTest asserts half a metre) for about 1.5 times the steps of a tolerance ten
   * times looser, which misses by up to 6 m on long flights.
   */
  public static final IntegrationTolerance DEFAULT = new IntegrationTolerance(1e-3, 1e-6, 1e-11);

  /**
   * For footprints, whose impact distributions are at least 100 m wide (one sigma) and are
   * predicted again at every radar scan: a hundred times looser than {@link #DEFAULT}, which takes
   * 2 to 2.5 times fewer steps. Impacts repeat the converged solution within 5 m from a launch and
   * within a few centimetres from a radar track's state (BallisticPropagatorTest), a twentieth of
   * the narrowest footprint's sigma at worst.
   */
  public static final IntegrationTolerance FOOTPRINT = new IntegrationTolerance(0.1, 1e-4, 1e-9);

  /** Tight enough to serve as the converged reference in accuracy checks. */
  public static final IntegrationTolerance REFERENCE = new IntegrationTolerance(1e-6, 1e-9, 1e-13);

  public IntegrationTolerance {
    if (!(positionM > 0 && velocityMps > 0 && relative >= 0)) {
      throw new IllegalArgumentException(
          "tolerances must be positive, were " + positionM + ", " + velocityMps + ", " + relative);
    }
  }
}
