package org.tocsin.store;

/** The two databases the store runs on, told apart by their JDBC URL. */
enum Dialect {
  POSTGRESQL,
  H2;

  /**
   * @throws IllegalArgumentException when the URL names neither PostgreSQL nor H2
   */
  static Dialect of(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    if (jdbcUrl.startsWith("jdbc:h2:")) {
      return H2;
    }
    throw new IllegalArgumentException(
        "database URL must start with jdbc:postgresql: or jdbc:h2:, was '" + jdbcUrl + "'");
  }
}
