package org.tocsin.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tocsin.alert.MessageType;
import org.tocsin.store.TestDatabase.Backend;

class AuditVerifierTest {

  @TempDir Path tempDir;

  private final MutableClock clock = new MutableClock(TestRecords.LAUNCH);

  @ParameterizedTest
  @EnumSource(Backend.class)
  void theFirstRecordChainsFromSixtyFourZerosUnderTheAuditKeyAsDocumented(Backend backend)
      throws Exception {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      new Journal(db.database(), clock).append(RecordKind.DECISION, "{\"x\":1}");

      JournalRecord first = new Journal(db.database(), clock).read(1).findFirst().orElseThrow();

      Properties keyFile = new Properties();
      try (var reader = Files.newBufferedReader(db.auditKey().file())) {
        keyFile.load(reader);
      }
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(
          new SecretKeySpec(
              Base64.getDecoder().decode(keyFile.getProperty("chain-key")), "HmacSHA256"));
      String input = "0".repeat(64) + "\n1\ndecision\n2024-11-21T02:00:00.123456Z\n{\"x\":1}";
      byte[] mac = hmac.doFinal(input.getBytes(StandardCharsets.UTF_8));
      assertThat(first.hash()).isEqualTo(HexFormat.of().formatHex(mac));
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void anApprovalRewrittenSoTheDrafterApprovesHerOwnDraftIsFoundThoughTheChainWasRecomputed(
      Backend backend) throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      long approval = ChainForger.draftApprovedByAnother(db);
      long records = new Journal(db.database(), clock).lastSequence();
      assertThat(AuditVerifier.verify(db.database())).isEqualTo(AuditResult.ok(records));

      ChainForger.makeDrafterTheApprover(db, approval);

      assertThat(new Journal(db.database(), clock).read(approval).findFirst().orElseThrow())
          .extracting(JournalRecord::payloadJson)
          .asString()
          .contains("\"account\":\"olena\"");
      assertThat(AuditVerifier.verify(db.database()))
          .isEqualTo(broken(approval - 1, approval, "its hash does not match its contents"));
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void anUntouchedJournalVerifiesWithItsRecordCount(Backend backend) throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      fill(db, 12);

      assertThat(AuditVerifier.verify(db.database())).isEqualTo(AuditResult.ok(12));
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aPayloadChangedBehindTheStoresBackBreaksTheChainAtThatRecord(Backend backend)
      throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      fill(db, 12);

      execute(db, "UPDATE journal SET payload = '{\"n\":70}' WHERE sequence_number = 7");

      assertThat(AuditVerifier.verify(db.database()))
          .isEqualTo(broken(6, 7, "its hash does not match its contents"));
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aRecordRewrittenWithAHashRecomputedWithTheKeyBreaksTheLinkToTheNext(Backend backend)
      throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      fill(db, 12);
      JournalRecord seventh = new Journal(db.database(), clock).read(7).findFirst().orElseThrow();
      String forged =
          AuditChain.keyedHash(
              db.auditKey(),
              seventh.previousHash(),
              7,
              seventh.kind(),
              seventh.recordedAt(),
              "{\"n\":70}");

      execute(
          db,
          "UPDATE journal SET payload = '{\"n\":70}', hash = '"
              + forged
              + "' WHERE sequence_number = 7");

      assertThat(AuditVerifier.verify(db.database()))
          .isEqualTo(broken(7, 8, "its previous hash does not match the record before it"));
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aDeletedRecordIsReportedMissing(Backend backend) throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      fill(db, 12);

      execute(db, "DELETE FROM journal WHERE sequence_number = 4");

      assertThat(AuditVerifier.verify(db.database()))
          .isEqualTo(broken(3, 4, "the record is missing"));
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void recordsCutFromTheEndAreReportedMissing(Backend backend) throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      fill(db, 12);

      execute(db, "DELETE FROM journal WHERE sequence_number > 10");

      assertThat(AuditVerifier.verify(db.database()))
          .isEqualTo(broken(10, 11, "the record is missing (the journal ends at 10)"));
    }
  }

  private void fill(TestDatabase db, int records) {
    Journal journal = new Journal(db.database(), clock);
    for (int n = 1; n <= records; n++) {
      clock.advance(java.time.Duration.ofMillis(250));
      if (n % 5 == 0) {
        journal.appendAlertEvent(TestRecords.alert("T1", n, MessageType.UPDATE), List.of("sse"));
      } else {
        journal.append(RecordKind.REPORT, "{\"n\":" + n + "}");
      }
    }
  }

  private static AuditResult broken(long records, long sequence, String reason) {
    return AuditResult.broken(records, 0, new AuditResult.Break(sequence, reason));
  }

  static void execute(TestDatabase db, String sql) throws SQLException {
    try (Connection jdbc = db.jdbc();
        Statement statement = jdbc.createStatement()) {
      assertThat(statement.executeUpdate(sql)).isPositive();
    }
  }
}
