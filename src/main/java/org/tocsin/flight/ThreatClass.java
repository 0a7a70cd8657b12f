package org.tocsin.flight;

import java.util.Locale;

/**
 * Public envelopes of ballistic-missile classes, not the parameters of any one weapon: the band of
 * ground ranges (for the corridor warned from a bare launch notice) and a re-entry ballistic
 * coefficient. Values as in {@code docs/SCENARIOS.md}.
 */
public enum ThreatClass {
  SRBM(70, 1_000, 5_000),
  MRBM(1_000, 3_000, 10_000),
  IRBM(800, 5_500, 15_000),
  ICBM(5_500, 13_000, 20_000);

  private final double minRangeKm;
  private final double maxRangeKm;
  private final double ballisticCoefficientKgM2;

  ThreatClass(double minRangeKm, double maxRangeKm, double ballisticCoefficientKgM2) {
    this.minRangeKm = minRangeKm;
    this.maxRangeKm = maxRangeKm;
    this.ballisticCoefficientKgM2 = ballisticCoefficientKgM2;
  }

  public double minRangeKm() {
    return minRangeKm;
  }

  public double maxRangeKm() {
    return maxRangeKm;
  }

  /** β = m / (C_D·A) in kg/m². */
  public double ballisticCoefficientKgM2() {
    return ballisticCoefficientKgM2;
  }

  /** The lower-case name used in files and on the command line. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalArgumentException listing the known classes when the id is unknown
   */
  public static ThreatClass fromId(String id) {
    for (ThreatClass threatClass : values()) {
      if (threatClass.id().equals(id)) {
        return threatClass;
      }
    }
    throw new IllegalArgumentException(
        "class must be one of srbm, mrbm, irbm, icbm, was '" + id + "'");
  }
}
