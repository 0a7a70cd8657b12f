package org.tocsin.alert;

/**
 * Text that goes into CAP and the journal must be text XML 1.0 can carry: no NUL (which PostgreSQL
 * also refuses in text), no other C0 control but tab, line feed and carriage return, no U+FFFE or
 * U+FFFF, and no lone surrogate.
 */
public final class XmlText {

  private XmlText() {}

  /**
   * @throws IllegalArgumentException naming the field, the character and its index when the value
   *     holds one XML 1.0 cannot carry
   */
  public static void require(String field, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean paired =
          Character.isHighSurrogate(c)
                  && i + 1 < value.length()
                  && Character.isLowSurrogate(value.charAt(i + 1))
              || Character.isLowSurrogate(c)
                  && i > 0
                  && Character.isHighSurrogate(value.charAt(i - 1));
      boolean carried =
          c == '\t'
              || c == '\n'
              || c == '\r'
              || (c >= 0x20 && c <= 0xD7FF)
              || (c >= 0xE000 && c <= 0xFFFD)
              || paired;
      if (!carried) {
        throw new IllegalArgumentException(
            String.format(
                "%s: must not contain U+%04X, a character XML 1.0 cannot carry, at %d",
                field, (int) c, i));
      }
    }
  }
}
