package org.tocsin.delivery;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

/** Instants to and from the database's timestamps, and lists of area ids in one column. */
final class Sql {

  private Sql() {}

  static void setInstant(PreparedStatement statement, int index, Instant instant)
      throws SQLException {
    statement.setObject(
        index, OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
  }

  static Instant getInstant(ResultSet rows, String column) throws SQLException {
    OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  /** Whether the failure is a unique-key violation (SQLSTATE 23505 on both databases). */
  static boolean isUniqueViolation(SQLException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /** Area ids as one column: comma-separated (ids never hold a comma, see {@link AreaIds}). */
  static String joined(List<String> areaIds) {
    return String.join(",", areaIds);
  }

  static List<String> split(String column) {
    return column.isEmpty() ? List.of() : Arrays.asList(column.split(","));
  }
}
