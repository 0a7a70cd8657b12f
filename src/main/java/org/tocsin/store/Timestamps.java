package org.tocsin.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Instants to and from the database's timestamps, for every table (the journal's and delivery's
 * alike): one cut to the microsecond, so that what is read back, and hashed, is what was written.
 */
public final class Timestamps {

  private Timestamps() {}

  /** The instant as both databases store it: to the microsecond. */
  public static Instant stored(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }

  public static void setInstant(PreparedStatement statement, int index, Instant instant)
      throws SQLException {
    statement.setObject(index, OffsetDateTime.ofInstant(stored(instant), ZoneOffset.UTC));
  }

  /** The column's instant, or null for SQL NULL. */
  public static Instant getInstant(ResultSet rows, String column) throws SQLException {
    OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
