package org.tocsin.flight;

import java.util.function.DoubleUnaryOperator;

/**
 * The maximum of a unimodal function on an interval by golden-section search: each step keeps the
 * part of the bracket that holds the larger of two interior values, shrinking it by 0.618, with one
 * new evaluation per step. Robust where a parabolic step could be led astray by the small noise
 * that an adaptive integrator puts on a range or a speed.
 */
final class GoldenSection {

  private static final double INVERSE_PHI = (Math.sqrt(5) - 1) / 2;

  private GoldenSection() {}

  /**
   * The argument in {@code [low, high]} at which {@code f} is largest, to within {@code tolerance}.
   *
   * @param f the function; {@link Double#NEGATIVE_INFINITY} where it is not defined
   */
  static double argMax(DoubleUnaryOperator f, double low, double high, double tolerance) {
    double a = low;
    double b = high;
    double c = b - INVERSE_PHI * (b - a);
    double d = a + INVERSE_PHI * (b - a);
    double fc = f.applyAsDouble(c);
    double fd = f.applyAsDouble(d);
    while (b - a > tolerance) {
      if (fc >= fd) {
        b = d;
        d = c;
        fd = fc;
        c = b - INVERSE_PHI * (b - a);
        fc = f.applyAsDouble(c);
      } else {
        a = c;
        c = d;
        fc = fd;
        d = a + INVERSE_PHI * (b - a);
        fd = f.applyAsDouble(d);
      }
    }
    return fc >= fd ? c : d;
  }
}
