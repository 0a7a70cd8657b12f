package org.tocsin.flight;

/** Air density and speed of sound as functions of height, for drag and Mach number. */
public interface Atmosphere {

  /**
   * @param heightM height above the ellipsoid (m); heights below 0 are allowed down to a few km
   * @return air density (kg/m³), 0 where the model has no air
   */
  double densityKgM3(double heightM);

  /**
   * @param heightM height above the ellipsoid (m)
   * @return local speed of sound (m/s)
   */
  double speedOfSoundMps(double heightM);
}
