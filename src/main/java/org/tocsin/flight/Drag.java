package org.tocsin.flight;

/** Whether the flight model applies aerodynamic drag. */
public enum Drag {
  /** Drag from the atmosphere and the ballistic coefficient. */
  ATMOSPHERIC,
  /** No drag: a body in vacuum, for analysis and for checks against closed forms. */
  VACUUM
}
