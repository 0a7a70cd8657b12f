package org.tocsin.flight;

/** Which side of the minimum-energy arc a trajectory lies on, for its range. */
public enum Branch {
  /** Steeper and higher than the minimum-energy arc: a longer flight. */
  LOFTED,
  /** Flatter and lower than the minimum-energy arc: a shorter flight. */
  DEPRESSED
}
