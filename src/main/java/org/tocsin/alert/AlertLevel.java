package org.tocsin.alert;

import java.util.Locale;

/** The two warning levels, as in the best systems in service. */
public enum AlertLevel {
  /** Be ready to take shelter: the area may be at risk (CAP urgency Expected, severity Severe). */
  PREPARE,
  /** Take shelter now (CAP urgency Immediate, severity Extreme). */
  SHELTER;

  /** The lower-case name used in reports and messages. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
