package org.tocsin.delivery;

import java.util.Arrays;
import java.util.List;

/** Lists of area ids in one column (instants: {@link org.tocsin.store.Timestamps}). */
final class Sql {

  private Sql() {}

  /** Area ids as one column: comma-separated (ids never hold a comma, see {@link AreaIds}). */
  static String joined(List<String> areaIds) {
    return String.join(",", areaIds);
  }

  static List<String> split(String column) {
    return column.isEmpty() ? List.of() : Arrays.asList(column.split(","));
  }
}
