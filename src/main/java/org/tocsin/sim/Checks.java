package org.tocsin.sim;

/** Invariant checks shared by the scenario records. */
final class Checks {

  private Checks() {}

  static void requirePositive(String name, double value) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be positive and finite, was " + value);
    }
  }
}
