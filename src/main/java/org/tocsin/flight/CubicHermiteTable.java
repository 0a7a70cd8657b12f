package org.tocsin.flight;

/**
 * A function tabulated on a uniform grid and read back by cubic Hermite interpolation: on each
 * interval, the cubic that matches the function's values and slopes at both ends.
 *
 * <p>With exact slopes the interpolant is continuous with a continuous first derivative at every
 * node, so an integrator sees no kink where it crosses one (linear interpolation would put one at
 * each node). Slopes are given per interval, one at each end, so a function with a kink of its own
 * (the atmosphere's temperature at each layer base) keeps it exactly when the kink is on a node.
 * The error inside an interval of width Δ is at most Δ⁴/384 · max |f⁗| (Burden & Faires, Numerical
 * Analysis, §3.4).
 */
final class CubicHermiteTable {

  private final double startX;
  private final double stepX;
  private final double inverseStepX;
  private final int intervals;

  /** Per interval, the cubic's coefficients in the interval's unit variable t, lowest first. */
  private final double[] coefficients;

  /**
   * @param startX the first node
   * @param stepX the distance between nodes, positive
   * @param values the function at each node; one more than the intervals
   * @param startSlopes per interval, the slope (df/dx) at its first node, from inside it
   * @param endSlopes per interval, the slope at its last node, from inside it
   */
  CubicHermiteTable(
      double startX, double stepX, double[] values, double[] startSlopes, double[] endSlopes) {
    if (!(stepX > 0)) {
      throw new IllegalArgumentException("step must be positive, was " + stepX);
    }
    intervals = values.length - 1;
    if (intervals < 1 || startSlopes.length != intervals || endSlopes.length != intervals) {
      throw new IllegalArgumentException(
          "need at least 2 values and one start and one end slope per interval, had "
              + values.length
              + " values, "
              + startSlopes.length
              + " and "
              + endSlopes.length
              + " slopes");
    }
    this.startX = startX;
    this.stepX = stepX;
    this.inverseStepX = 1 / stepX;
    coefficients = new double[4 * intervals];
    for (int i = 0; i < intervals; i++) {
      double y0 = values[i];
      double y1 = values[i + 1];
      double m0 = startSlopes[i] * stepX;
      double m1 = endSlopes[i] * stepX;
      coefficients[4 * i] = y0;
      coefficients[4 * i + 1] = m0;
      coefficients[4 * i + 2] = 3 * (y1 - y0) - 2 * m0 - m1;
      coefficients[4 * i + 3] = 2 * (y0 - y1) + m0 + m1;
    }
  }

  double startX() {
    return startX;
  }

  double endX() {
    return startX + intervals * stepX;
  }

  /**
   * The interpolated value at {@code x}, which should lie within [{@link #startX}, {@link #endX}];
   * outside, the first or last interval's cubic is extended.
   */
  double valueAt(double x) {
    double position = (x - startX) * inverseStepX;
    int i = Math.max(0, Math.min((int) position, intervals - 1));
    double t = position - i;
    int k = 4 * i;
    return coefficients[k]
        + t * (coefficients[k + 1] + t * (coefficients[k + 2] + t * coefficients[k + 3]));
  }
}
