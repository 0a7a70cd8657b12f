package org.tocsin.atlas;

/** Where an area lies against the threat class's band of ranges, from the nearest launch point. */
public enum RangeBand {
  /** Within the class's band: the area has a planning time. */
  WITHIN,
  /**
   * Nearer than the class's shortest range. The area still has a planning time: a missile of the
   * class may not be meant for it, but nothing stops one falling there, and the arc is short.
   */
  SHORT_OF_MINIMUM,
  /** Beyond the class's longest range from every launch point: no time is given. */
  BEYOND,
  /**
   * Within the class's band, but farther than the flight model flies the class from the ground
   * below escape speed (drag from sea level takes most of the launch speed of the lighter classes:
   * an SRBM's arc reaches about 960 km, an ICBM's about 8,500 km). No time is given, and the output
   * says why rather than pretending the area is out of reach of the class.
   */
  BEYOND_MODEL_REACH;

  /** Whether an area in this band has times. */
  public boolean hasTimes() {
    return this == WITHIN || this == SHORT_OF_MINIMUM;
  }

  /** The lower-case, hyphenated name used in files. */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
