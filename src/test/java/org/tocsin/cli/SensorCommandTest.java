package org.tocsin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tocsin.store.KeyHolder;
import org.tocsin.store.SensorKeys;
import org.tocsin.store.TestDatabase;
import org.tocsin.store.TestDatabase.Backend;

class SensorCommandTest {

  @TempDir Path tempDir;

  private final InProcessCli cli = new InProcessCli();

  @ParameterizedTest
  @EnumSource(Backend.class)
  void addPrintsOnlyTheNewKeyAndTheKeyAuthenticatesTheSensor(Backend backend) throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      int status =
          cli.run(
              "sensor", "add", "radar-kharkiv", "--db", db.url(), "--audit-key", db.auditKeyFile());

      assertThat(status).isZero();
      String key = cli.out().strip();
      assertThat(cli.out().lines()).hasSize(1);
      assertThat(new SensorKeys(db.database(), Clock.systemUTC()).authenticate(key))
          .isEqualTo(Optional.of("radar-kharkiv"));
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void addExitsTwoForANameAlreadyTaken(Backend backend) throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      cli.run("sensor", "add", "radar-kharkiv", "--db", db.url(), "--audit-key", db.auditKeyFile());
      cli.clear();

      int status =
          cli.run(
              "sensor", "add", "radar-kharkiv", "--db", db.url(), "--audit-key", db.auditKeyFile());

      assertThat(status).isEqualTo(2);
      assertThat(cli.out()).isEmpty();
      assertThat(cli.err())
          .isEqualTo(
              "error: name 'radar-kharkiv' is taken: sensors and upstream authorities share names\n");
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void upstreamAddPrintsAKeyThatPostsCapButNoReports(Backend backend) throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      int status = cli.run("upstream", "add", "dsns", "--db", db.url());

      assertThat(status).isZero();
      String key = cli.out().strip();
      assertThat(cli.out().lines()).hasSize(1);
      SensorKeys keys = new SensorKeys(db.database(), Clock.systemUTC());
      assertThat(keys.authenticate(key, KeyHolder.UPSTREAM_AUTHORITY))
          .isEqualTo(Optional.of("dsns"));
      assertThat(keys.authenticate(key)).isEmpty();
    }
  }
}
