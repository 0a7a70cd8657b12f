package org.tocsin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tocsin.alert.AlertLevel;
import org.tocsin.delivery.WebhookSubscriber;
import org.tocsin.delivery.Webhooks;
import org.tocsin.store.TestDatabase;
import org.tocsin.store.TestDatabase.Backend;

class WebhookCommandTest {

  @TempDir Path tempDir;

  private final InProcessCli cli = new InProcessCli();

  @ParameterizedTest
  @EnumSource(Backend.class)
  void addPrintsTheIdAndSecretOnceListShowsNoSecretAndRemoveRemoves(Backend backend)
      throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      int status =
          cli.run(
              "webhook",
              "add",
              "https://rada.example.org/tocsin",
              "--areas",
              "UA1202001,UA1204003",
              "--level",
              "shelter",
              "--db",
              db.url(),
              "--audit-key",
              db.auditKeyFile());

      assertThat(status).as(cli.err()).isZero();
      List<String> lines = cli.out().lines().toList();
      assertThat(lines).hasSize(2);
      String id = lines.get(0).substring("id: ".length());
      String secret = lines.get(1).substring("secret: ".length());
      List<WebhookSubscriber> stored = new Webhooks(db.database(), Clock.systemUTC()).list();
      assertThat(stored).hasSize(1);
      assertThat(stored.get(0).id()).isEqualTo(id);
      assertThat(stored.get(0).secret()).isEqualTo(secret).hasSize(43);
      assertThat(stored.get(0).areaIds()).containsExactly("UA1202001", "UA1204003");
      assertThat(stored.get(0).minLevel()).isEqualTo(AlertLevel.SHELTER);

      cli.clear();
      cli.run("webhook", "list", "--db", db.url(), "--audit-key", db.auditKeyFile());
      assertThat(cli.out())
          .isEqualTo(
              id + " https://rada.example.org/tocsin areas UA1202001,UA1204003 level shelter\n")
          .doesNotContain(secret);

      cli.clear();
      assertThat(
              cli.run("webhook", "remove", id, "--db", db.url(), "--audit-key", db.auditKeyFile()))
          .isZero();
      assertThat(new Webhooks(db.database(), Clock.systemUTC()).list()).isEmpty();
      cli.clear();
      assertThat(
              cli.run("webhook", "remove", id, "--db", db.url(), "--audit-key", db.auditKeyFile()))
          .isEqualTo(2);
      assertThat(cli.err()).isEqualTo("error: there is no webhook '" + id + "'\n");
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void addRefusesAUrlThatIsNotHttpAndNeedsAreasOrASet(Backend backend) throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      int status =
          cli.run(
              "webhook", "add", "ftp://example.org/x", "--set", "ua-hromadas", "--db", db.url());

      assertThat(status).isEqualTo(2);
      assertThat(cli.err())
          .isEqualTo("error: url: must be http:// or https://, was 'ftp://example.org/x'\n");
      cli.clear();
      assertThat(cli.run("webhook", "add", "https://example.org/x", "--db", db.url())).isEqualTo(2);
      assertThat(cli.err()).contains("--areas").contains("--set");
      assertThat(new Webhooks(db.database(), Clock.systemUTC()).list()).isEmpty();
    }
  }
}
