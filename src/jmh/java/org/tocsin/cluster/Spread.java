package org.tocsin.cluster;

import java.util.Collection;
import java.util.Locale;

/**
 * The spread of a set of durations in milliseconds: how many, the median, the 99th percentile (the
 * nearest rank: with fewer than 100 samples it is the largest) and the largest.
 */
record Spread(int count, double p50Ms, double p99Ms, double maxMs) {

  static Spread of(Collection<Double> millis) {
    double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    if (sorted.length == 0) {
      return new Spread(0, Double.NaN, Double.NaN, Double.NaN);
    }
    return new Spread(
        sorted.length, rank(sorted, 0.5), rank(sorted, 0.99), sorted[sorted.length - 1]);
  }

  private static double rank(double[] sorted, double share) {
    return sorted[Math.max(0, (int) Math.ceil(share * sorted.length) - 1)];
  }

  /** "p50 / p99 / max" for a table's cell. */
  String cell() {
    return String.format(Locale.ROOT, "%.1f / %.1f / %.1f ms", p50Ms, p99Ms, maxMs);
  }

  /** Each figure of this spread over the other's, for a table's cell. */
  String ratioTo(Spread other) {
    return String.format(
        Locale.ROOT,
        "%.1f× / %.1f× / %.1f×",
        p50Ms / other.p50Ms,
        p99Ms / other.p99Ms,
        maxMs / other.maxMs);
  }

  @Override
  public String toString() {
    return count + " samples, p50 / p99 / max " + cell();
  }
}
