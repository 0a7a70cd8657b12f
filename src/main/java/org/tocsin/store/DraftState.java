package org.tocsin.store;

import java.util.Locale;

/** Where a draft stands: waiting for a second person, sent, or turned down. */
public enum DraftState {
  PENDING,
  APPROVED,
  REJECTED;

  /** The name stored and served: {@code pending}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  static DraftState fromId(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }
}
