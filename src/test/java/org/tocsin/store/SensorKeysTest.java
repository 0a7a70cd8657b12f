package org.tocsin.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tocsin.store.TestDatabase.Backend;

class SensorKeysTest {

  @TempDir Path tempDir;

  private final MutableClock clock = new MutableClock(TestRecords.LAUNCH);

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aKeyAuthenticatesItsOwnSensorAndNoOther(Backend backend) throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      SensorKeys keys = new SensorKeys(db.database(), clock);
      String radar = keys.add("radar-kharkiv");
      String satellite = keys.add("sbirs.1");

      assertThat(keys.authenticate(radar)).isEqualTo(Optional.of("radar-kharkiv"));
      assertThat(keys.authenticate(satellite)).isEqualTo(Optional.of("sbirs.1"));
      assertThat(radar).isNotEqualTo(satellite);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aKeyOpensOnlyItsHoldersEndpoint(Backend backend) throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      SensorKeys keys = new SensorKeys(db.database(), clock);
      String radar = keys.add("radar-kharkiv");
      String dsns = keys.add("dsns", KeyHolder.UPSTREAM_AUTHORITY);

      assertThat(keys.authenticate(dsns, KeyHolder.UPSTREAM_AUTHORITY))
          .isEqualTo(Optional.of("dsns"));
      assertThat(keys.authenticate(dsns)).isEmpty();
      assertThat(keys.authenticate(radar, KeyHolder.UPSTREAM_AUTHORITY)).isEmpty();
      assertThatThrownBy(() -> keys.add("dsns"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("name 'dsns' is taken: sensors and upstream authorities share names");
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aWrongOrMalformedKeyAuthenticatesNobody(Backend backend) throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      SensorKeys keys = new SensorKeys(db.database(), clock);
      String radar = keys.add("radar-kharkiv");
      String satellite = keys.add("sbirs-1");
      String radarId = radar.substring(0, radar.indexOf('.'));
      String satelliteSecret = satellite.substring(satellite.indexOf('.') + 1);
      char last = radar.charAt(radar.length() - 1);

      List<String> wrong = new ArrayList<>();
      wrong.add(radar.substring(0, radar.length() - 1) + (last == 'A' ? 'B' : 'A'));
      wrong.add(radarId + "." + satelliteSecret);
      wrong.add(radar.substring(1));
      wrong.add(radar + "x");
      wrong.add(radar.replace('.', '-'));
      wrong.add("");
      wrong.add(null);
      for (String key : wrong) {
        assertThat(keys.authenticate(key)).as(String.valueOf(key)).isEmpty();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aKeyIsPrintableHoldsThirtyTwoRandomBytesAndIsStoredOnlyAsASaltedHash(Backend backend)
      throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      String key = new SensorKeys(db.database(), clock).add("radar-kharkiv");
      String secret = key.substring(key.indexOf('.') + 1);

      assertThat(key).matches("[A-Za-z0-9_-]{12}\\.[A-Za-z0-9_-]{43}");
      assertThat(Base64.getUrlDecoder().decode(secret)).hasSize(32);
      String stored = everyStoredValue(db, "sensor");
      assertThat(stored)
          .contains("radar-kharkiv")
          .doesNotContain(secret)
          .doesNotContain(HexFormat.of().formatHex(Base64.getUrlDecoder().decode(secret)));
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aTakenOrMalformedNameIsRejected(Backend backend) throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      SensorKeys keys = new SensorKeys(db.database(), clock);
      keys.add("radar-kharkiv");

      assertThatThrownBy(() -> keys.add("radar-kharkiv"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "name 'radar-kharkiv' is taken: sensors and upstream authorities share names");
      assertThatThrownBy(() -> keys.add("-radar"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("sensor name must be 1 to 100 letters");
      assertThatThrownBy(() -> keys.add("a".repeat(101)))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  /** Every column of every row, as text, and binary ones also as their bytes and in hex. */
  private static String everyStoredValue(TestDatabase db, String table) throws SQLException {
    StringBuilder all = new StringBuilder();
    try (Connection jdbc = db.jdbc();
        Statement statement = jdbc.createStatement();
        ResultSet rows = statement.executeQuery("SELECT * FROM " + table)) {
      ResultSetMetaData meta = rows.getMetaData();
      while (rows.next()) {
        for (int column = 1; column <= meta.getColumnCount(); column++) {
          all.append(rows.getString(column)).append('\n');
          int type = meta.getColumnType(column);
          if (type == Types.BINARY || type == Types.VARBINARY || type == Types.LONGVARBINARY) {
            byte[] bytes = rows.getBytes(column);
            all.append(new String(bytes, StandardCharsets.ISO_8859_1)).append('\n');
            all.append(HexFormat.of().formatHex(bytes)).append('\n');
          }
        }
      }
    }
    return all.toString();
  }
}
