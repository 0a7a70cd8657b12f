package org.tocsin.store;

/** Who holds an API key, which says what the key may post. */
public enum KeyHolder {
  /** A sensor: posts reports. */
  SENSOR("sensor", "sensor"),
  /** An upstream authority: posts CAP messages. */
  UPSTREAM_AUTHORITY("upstream", "upstream authority");

  private final String column;
  private final String noun;

  KeyHolder(String column, String noun) {
    this.column = column;
    this.noun = noun;
  }

  /** What the holder is called in messages. */
  public String noun() {
    return noun;
  }

  /** The value of {@code sensor.role}. */
  String column() {
    return column;
  }
}
