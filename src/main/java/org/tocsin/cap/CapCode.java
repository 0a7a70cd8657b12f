package org.tocsin.cap;

import java.util.Arrays;
import java.util.stream.Collectors;

/** A CAP code value: an enum constant with the exact spelling the CAP schema uses. */
interface CapCode {

  /** The value as CAP writes it, e.g. {@code AllClear}. */
  String capName();

  /**
   * The constant of {@code type} spelled {@code value} in CAP.
   *
   * @throws IllegalArgumentException naming the element and the allowed values otherwise
   */
  static <E extends Enum<E> & CapCode> E parse(Class<E> type, String element, String value) {
    for (E constant : type.getEnumConstants()) {
      if (constant.capName().equals(value)) {
        return constant;
      }
    }
    throw new IllegalArgumentException(
        "element '"
            + element
            + "': value '"
            + value
            + "' is not one of "
            + Arrays.stream(type.getEnumConstants())
                .map(CapCode::capName)
                .collect(Collectors.joining(", ")));
  }
}
