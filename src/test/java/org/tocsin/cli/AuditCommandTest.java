package org.tocsin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tocsin.alert.AlertStatus;
import org.tocsin.store.Account;
import org.tocsin.store.Accounts;
import org.tocsin.store.AuditKey;
import org.tocsin.store.ChainForger;
import org.tocsin.store.Drafts;
import org.tocsin.store.Journal;
import org.tocsin.store.RecordKind;
import org.tocsin.store.Role;
import org.tocsin.store.TestDatabase;
import org.tocsin.store.TestDatabase.Backend;

class AuditCommandTest {

  @TempDir Path tempDir;

  private final InProcessCli cli = new InProcessCli();

  @ParameterizedTest
  @EnumSource(Backend.class)
  void verifyReportsAnIntactTrailWithItsRecordCount(Backend backend) throws SQLException {
    try (TestDatabase db = journalOf(backend, 9)) {
      int status = cli.run("audit", "verify", "--db", db.url(), "--audit-key", db.auditKeyFile());

      assertThat(cli.out()).isEqualTo("audit trail intact: 9 records" + System.lineSeparator());
      assertThat(status).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void verifyExitsThreeAtARecordWhosePayloadWasChangedInTheDatabase(Backend backend)
      throws SQLException {
    try (TestDatabase db = journalOf(backend, 9)) {
      tamper(db, "UPDATE journal SET payload = '{\"n\":0}' WHERE sequence_number = 5");

      int status = cli.run("audit", "verify", "--db", db.url(), "--audit-key", db.auditKeyFile());

      assertThat(cli.out())
          .isEqualTo(
              "audit trail broken at record 5: its hash does not match its contents"
                  + System.lineSeparator());
      assertThat(status).isEqualTo(3);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void verifyExitsThreeAtARecordDeletedFromTheDatabase(Backend backend) throws SQLException {
    try (TestDatabase db = journalOf(backend, 9)) {
      tamper(db, "DELETE FROM journal WHERE sequence_number = 2");

      int status = cli.run("audit", "verify", "--db", db.url(), "--audit-key", db.auditKeyFile());

      assertThat(cli.out()).startsWith("audit trail broken at record 2: the record is missing");
      assertThat(status).isEqualTo(3);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void verifyExitsThreeWhenAnApprovalIsTurnedIntoAnActualAlertInTheDatabase(Backend backend)
      throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      Clock clock = Clock.systemUTC();
      Accounts accounts = new Accounts(db.database(), clock);
      char[] password = "correct horse battery".toCharArray();
      Account olena = accounts.create("olena", Role.OPERATOR, password);
      Account petro = accounts.create("petro", Role.APPROVER, password);
      Drafts drafts = new Drafts(db.database(), clock);
      long id = drafts.create(olena, AlertStatus.EXERCISE, "{\"areas\":[\"UA8000000\"]}").id();
      drafts.approve(id, petro, AlertStatus.EXERCISE);
      assertThat(cli.run("audit", "verify", "--db", db.url(), "--audit-key", db.auditKeyFile()))
          .isZero();
      cli.clear();

      tamper(
          db,
          "UPDATE journal SET payload = REPLACE(payload, 'Exercise', 'Actual')"
              + " WHERE payload LIKE '%draft-approved%'");

      int status = cli.run("audit", "verify", "--db", db.url(), "--audit-key", db.auditKeyFile());
      assertThat(cli.out()).contains("audit trail broken at record").contains("does not match");
      assertThat(status).isEqualTo(3);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void verifyExitsThreeWhenTheDrafterIsMadeTheApproverAndTheChainRecomputedWithoutTheKey(
      Backend backend) throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      long approval = ChainForger.draftApprovedByAnother(db);

      ChainForger.makeDrafterTheApprover(db, approval);

      int status = verify(db);
      assertThat(cli.out())
          .isEqualTo(
              "audit trail broken at record "
                  + approval
                  + ": its hash does not match its contents"
                  + System.lineSeparator());
      assertThat(status).isEqualTo(3);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aCheckpointWrittenByTheCommandFindsRecordsLaterCutFromTheEnd(Backend backend)
      throws Exception {
    try (TestDatabase db = journalOf(backend, 9)) {
      Path file = tempDir.resolve("checkpoint.json");

      int written =
          cli.run(
              "audit",
              "checkpoint",
              "--db",
              db.url(),
              "--audit-key",
              db.auditKeyFile(),
              "--out",
              file.toString());

      assertThat(written).isZero();
      assertThat(cli.out())
          .isEqualTo("checkpoint of record 9 written to " + file + System.lineSeparator());
      assertThat(Files.readString(file)).startsWith("{\"format\":\"tocsin-audit-checkpoint/1\"");
      cli.clear();
      assertThat(verify(db, "--checkpoint", file.toString())).isZero();
      assertThat(cli.out()).isEqualTo("audit trail intact: 9 records" + System.lineSeparator());
      cli.clear();

      String eighthHash;
      try (Connection jdbc = db.jdbc();
          Statement statement = jdbc.createStatement();
          var rows = statement.executeQuery("SELECT hash FROM journal WHERE sequence_number = 8")) {
        assertThat(rows.next()).isTrue();
        eighthHash = rows.getString(1);
      }
      tamper(db, "DELETE FROM journal WHERE sequence_number = 9");
      tamper(
          db, "UPDATE journal_head SET last_sequence_number = 8, last_hash = '" + eighthHash + "'");

      assertThat(verify(db)).isZero();
      cli.clear();
      int status = verify(db, "--checkpoint", file.toString());
      assertThat(cli.out())
          .startsWith(
              "audit trail broken at record 9: the record is missing (the journal ends at 8), yet"
                  + " a checkpoint signed at ")
          .endsWith(" holds it to record 9" + System.lineSeparator());
      assertThat(status).isEqualTo(3);
    }
  }

  @Test
  void aChangedCheckpointIsRefusedAsBadInput() throws Exception {
    try (TestDatabase db = journalOf(Backend.H2, 3)) {
      Path file = tempDir.resolve("checkpoint.json");
      cli.run(
          "audit",
          "checkpoint",
          "--db",
          db.url(),
          "--audit-key",
          db.auditKeyFile(),
          "--out",
          file.toString());
      Files.writeString(file, Files.readString(file).replace("\"sequence\":3", "\"sequence\":2"));
      cli.clear();

      int status = verify(db, "--checkpoint", file.toString());

      assertThat(status).isEqualTo(2);
      assertThat(cli.err())
          .startsWith(
              "error: --checkpoint "
                  + file
                  + ": signature: does not verify with the audit key "
                  + db.auditKeyFile());
      assertThat(cli.out()).isEmpty();
    }
  }

  @Test
  void aBrokenTrailIsNotCheckpointedAndAnExistingFileIsNotReplaced() throws Exception {
    try (TestDatabase db = journalOf(Backend.H2, 3)) {
      tamper(db, "UPDATE journal SET payload = '{\"n\":0}' WHERE sequence_number = 2");
      Path file = tempDir.resolve("checkpoint.json");
      String[] checkpoint = {
        "audit",
        "checkpoint",
        "--db",
        db.url(),
        "--audit-key",
        db.auditKeyFile(),
        "--out",
        file.toString()
      };

      assertThat(cli.run(checkpoint)).isEqualTo(3);
      assertThat(cli.out())
          .isEqualTo(
              "audit trail broken at record 2: its hash does not match its contents; no"
                  + " checkpoint written"
                  + System.lineSeparator());
      assertThat(file).doesNotExist();

      Files.writeString(file, "kept");
      cli.clear();
      assertThat(cli.run(checkpoint)).isEqualTo(2);
      assertThat(cli.err()).startsWith("error: --out: " + file + " exists");
      assertThat(Files.readString(file)).isEqualTo("kept");
    }
  }

  @Test
  void verifyWithoutTheAuditKeyExitsTwoNamingWhereItLooked() throws Exception {
    try (TestDatabase db = journalOf(Backend.H2, 1)) {
      Path missing = tempDir.resolve("nowhere.key");

      int status = cli.run("audit", "verify", "--db", db.url(), "--audit-key", missing.toString());

      assertThat(status).isEqualTo(2);
      assertThat(cli.err())
          .startsWith("error: --audit-key: there is no audit key at " + missing)
          .contains("TOCSIN_AUDIT_KEY");
      assertThat(missing).doesNotExist();
    }
  }

  @Test
  void verifyExitsTwoWhenTheDatabaseCannotBeReachedOrIsNotSupported() {
    String key = AuditKey.loadOrCreate(tempDir.resolve(AuditKey.FILE_NAME)).file().toString();
    int unreachable =
        cli.run(
            "audit", "verify", "--db", "jdbc:postgresql://127.0.0.1:1/tocsin", "--audit-key", key);

    assertThat(unreachable).isEqualTo(2);
    assertThat(cli.err()).startsWith("error: cannot connect to jdbc:postgresql://127.0.0.1:1/");
    assertThat(cli.out()).isEmpty();

    cli.clear();
    int unsupported =
        cli.run("audit", "verify", "--db", "jdbc:mysql://127.0.0.1/tocsin", "--audit-key", key);

    assertThat(unsupported).isEqualTo(2);
    assertThat(cli.err()).contains("must start with jdbc:postgresql: or jdbc:h2:");
  }

  @Test
  void verifyHelpDocumentsTheExitStatuses() {
    int status = cli.run("audit", "verify", "--help");

    assertThat(status).isZero();
    assertThat(cli.out()).contains("--db=JDBC-URL").contains("0 intact, 3 broken, 2 bad input");
  }

  private int verify(TestDatabase db, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of("audit", "verify", "--db", db.url(), "--audit-key", db.auditKeyFile()));
    args.addAll(List.of(more));
    return cli.run(args.toArray(String[]::new));
  }

  private TestDatabase journalOf(Backend backend, int records) throws SQLException {
    TestDatabase db = TestDatabase.create(backend, tempDir);
    Journal journal = new Journal(db.database(), Clock.systemUTC());
    for (int n = 1; n <= records; n++) {
      journal.append(RecordKind.REPORT, "{\"n\":" + n + "}");
    }
    return db;
  }

  private static void tamper(TestDatabase db, String sql) throws SQLException {
    try (Connection jdbc = db.jdbc();
        Statement statement = jdbc.createStatement()) {
      assertThat(statement.executeUpdate(sql)).isEqualTo(1);
    }
  }
}
