package org.tocsin.sirens;

import java.util.Locale;
import org.tocsin.alert.AlertLevel;

/** What a siren in an area should sound: shelter, prepare, or nothing (the all-clear). */
public enum SirenLevel {
  /** No warning in force for the area: silence, or the all-clear. */
  NONE,
  /** Be ready to take shelter. */
  PREPARE,
  /** Take shelter now. */
  SHELTER;

  /** The name published: {@code none}, {@code prepare}, {@code shelter}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  static SirenLevel of(AlertLevel level) {
    return switch (level) {
      case PREPARE -> PREPARE;
      case SHELTER -> SHELTER;
    };
  }
}
