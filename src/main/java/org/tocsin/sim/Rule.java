package org.tocsin.sim;

import java.util.function.DoublePredicate;

/**
 * A rule that a number in a scenario must follow, said as it is reported: {@code must be within
 * [-90, 90]}.
 */
record Rule(String description, DoublePredicate test) {

  static final Rule ANY = new Rule("must be finite", value -> true);
  static final Rule POSITIVE = new Rule("must be positive", value -> value > 0);
  static final Rule NOT_NEGATIVE = new Rule("must not be negative", value -> value >= 0);
  static final Rule LATITUDE = within(-90, 90);
  static final Rule LONGITUDE = within(-180, 180);

  static Rule within(double min, double max) {
    return new Rule(
        "must be within [" + format(min) + ", " + format(max) + "]",
        value -> value >= min && value <= max);
  }

  static Rule atLeast(double min) {
    return new Rule("must be at least " + format(min), value -> value >= min);
  }

  boolean accepts(double value) {
    return Double.isFinite(value) && test.test(value);
  }

  /** Whole numbers without a decimal point, as people write bounds. */
  static String format(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value)
        : Double.toString(value);
  }
}
