package org.tocsin.flight;

import java.util.Objects;

/**
 * Everything that determines an unpowered flight besides its initial state.
 *
 * @param earth the Earth's shape, gravity and rotation
 * @param atmosphere air density for drag and speed of sound for Mach numbers
 * @param ballisticCoefficientKgM2 β = m / (C_D·A) (kg/m²), positive
 * @param drag whether drag is applied
 */
public record FlightModel(
    EarthModel earth, Atmosphere atmosphere, double ballisticCoefficientKgM2, Drag drag) {

  public FlightModel {
    Objects.requireNonNull(earth, "earth");
    Objects.requireNonNull(atmosphere, "atmosphere");
    Objects.requireNonNull(drag, "drag");
    if (!(ballisticCoefficientKgM2 > 0) || !Double.isFinite(ballisticCoefficientKgM2)) {
      throw new IllegalArgumentException(
          "ballistic coefficient must be positive, was " + ballisticCoefficientKgM2 + " kg/m²");
    }
  }

  /** WGS84, J2, the 1976 standard atmosphere and the class's ballistic coefficient, with drag. */
  public static FlightModel of(ThreatClass threatClass) {
    return new FlightModel(
        EarthModel.WGS84,
        StandardAtmosphere1976.INSTANCE,
        threatClass.ballisticCoefficientKgM2(),
        Drag.ATMOSPHERIC);
  }

  public FlightModel withDrag(Drag newDrag) {
    return new FlightModel(earth, atmosphere, ballisticCoefficientKgM2, newDrag);
  }

  public FlightModel withEarth(EarthModel newEarth) {
    return new FlightModel(newEarth, atmosphere, ballisticCoefficientKgM2, drag);
  }
}
