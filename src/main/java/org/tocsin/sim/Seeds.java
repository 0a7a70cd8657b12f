package org.tocsin.sim;

/**
 * Independent random streams derived from the scenario seed, one per purpose and index, so that
 * adding a sensor or a threat does not change the noise of the others. Mixing is SplitMix64's
 * finaliser (Steele, Lea and Flood, OOPSLA 2014), which spreads neighbouring inputs over all bits.
 */
final class Seeds {

  /** What a stream is for; each purpose gets streams unrelated to the other purposes'. */
  enum Purpose {
    DISPERSION,
    SENSOR
  }

  private Seeds() {}

  /** The seed of stream {@code index} for {@code purpose} under the scenario seed. */
  static long derive(long scenarioSeed, Purpose purpose, int index) {
    return mix(mix(mix(scenarioSeed) ^ purpose.ordinal()) ^ index);
  }

  private static long mix(long value) {
    long z = value + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
