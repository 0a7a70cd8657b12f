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
  BEYOND;

  /** The lower-case, hyphenated name used in files. */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
