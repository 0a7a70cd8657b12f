package org.tocsin.flight;

import java.util.function.DoubleUnaryOperator;

/**
 * The root of a function that changes sign on an interval, by the Illinois variant of regula falsi
 * (Dowell & Jarratt, BIT 11, 1971): a secant step inside the bracket, and when the same end is kept
 * twice, the other end's value halved, so convergence is superlinear where plain regula falsi would
 * creep from one side. Used on an integration step's continuous extension, where a few evaluations
 * find an event to a microsecond.
 */
final class IllinoisRoot {

  private IllinoisRoot() {}

  /**
   * A root of {@code f} in {@code [low, high]}, to within {@code tolerance}.
   *
   * @param lowValue f(low), positive
   * @param highValue f(high), zero or negative
   */
  static double find(
      DoubleUnaryOperator f,
      double low,
      double high,
      double lowValue,
      double highValue,
      double tolerance) {
    int side = 0;
    while (high - low > tolerance) {
      double mid = (low * highValue - high * lowValue) / (highValue - lowValue);
      if (!(mid > low && mid < high)) {
        mid = 0.5 * (low + high);
      }
      double midValue = f.applyAsDouble(mid);
      if (midValue > 0) {
        low = mid;
        lowValue = midValue;
        if (side == -1) {
          highValue *= 0.5;
        }
        side = -1;
      } else {
        high = mid;
        highValue = midValue;
        if (side == 1) {
          lowValue *= 0.5;
        }
        side = 1;
      }
      if (midValue == 0) {
        return mid;
      }
    }
    return 0.5 * (low + high);
  }
}
