package org.tocsin.cap;

import java.util.Objects;

/**
 * A CAP {@code valueName} / {@code value} pair, as in {@code parameter} and {@code geocode}.
 *
 * @param valueName the name, e.g. {@code OCHA_PCODE}
 * @param value the value, e.g. {@code UA1202001}
 */
public record NamedValue(String valueName, String value) {

  public NamedValue {
    Objects.requireNonNull(valueName, "valueName");
    Objects.requireNonNull(value, "value");
  }
}
