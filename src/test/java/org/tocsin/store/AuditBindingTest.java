package org.tocsin.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tocsin.store.TestDatabase.Backend;

/** Journals begun before the chain was keyed, and the seal that fixes where keying began. */
class AuditBindingTest {

  @TempDir Path tempDir;

  private final MutableClock clock = new MutableClock(TestRecords.LAUNCH);

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aJournalBegunBeforeKeyingVerifiesWithItsUnkeyedRecordsCountedAndIsExtendedKeyed(
      Backend backend) throws SQLException {
    try (TestDatabase db =
        TestDatabase.createFromVersion5(backend, tempDir, jdbc -> unkeyed(jdbc, 3))) {
      assertThat(AuditVerifier.verify(db.database())).isEqualTo(AuditResult.ok(3, 3));

      Journal journal = new Journal(db.database(), clock);
      journal.append(RecordKind.REPORT, "{\"n\":4}");
      journal.append(RecordKind.REPORT, "{\"n\":5}");

      assertThat(AuditVerifier.verify(db.database())).isEqualTo(AuditResult.ok(5, 3));
      JournalRecord fourth = journal.read(4).findFirst().orElseThrow();
      assertThat(fourth.hash()).isEqualTo(AuditChain.keyedHash(db.auditKey(), fourth));
      assertThat(fourth.hash()).isNotEqualTo(AuditChain.unkeyedHash(fourth));
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void anUnkeyedRecordRewrittenAfterKeyingIsFoundAtTheSealThoughItsChainWasRecomputed(
      Backend backend) throws SQLException {
    try (TestDatabase db =
        TestDatabase.createFromVersion5(backend, tempDir, jdbc -> unkeyed(jdbc, 3))) {
      AuditVerifierTest.execute(
          db, "UPDATE journal SET payload = '{\"n\":20}' WHERE sequence_number = 2");

      ChainForger.rehashWithoutKey(db, 2);

      assertThat(AuditVerifier.verify(db.database()))
          .isEqualTo(
              AuditResult.broken(
                  2,
                  3,
                  new AuditResult.Break(
                      3, "its hash does not match the one sealed when the chain was keyed")));
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aBindingRemovedToPassTheChainOffAsUnkeyedIsFoundAndNotSealedAgainOnReopening(Backend backend)
      throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      long approval = ChainForger.draftApprovedByAnother(db);
      long records = new Journal(db.database(), clock).lastSequence();

      AuditVerifierTest.execute(db, "DELETE FROM audit_key_binding");
      ChainForger.makeDrafterTheApprover(db, approval);
      ChainForger.rehashWithoutKey(db, 1);
      db.reopen();

      AuditResult.Break missing = AuditVerifier.verify(db.database()).firstBreak().orElseThrow();
      assertThat(missing.sequence()).isEqualTo(1);
      assertThat(missing.reason()).startsWith("the audit key binding is missing");
      Journal journal = new Journal(db.database(), clock);
      assertThatThrownBy(() -> journal.append(RecordKind.REPORT, "{\"n\":1}"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith(
              "the journal's audit key binding (table audit_key_binding) is missing");
      assertThat(journal.lastSequence()).isEqualTo(records);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aJournalOpenedWithAnotherKeyIsNeitherExtendedNorVerified(Backend backend)
      throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      new Journal(db.database(), clock).append(RecordKind.REPORT, "{\"n\":1}");
      AuditKey other = AuditKey.loadOrCreate(tempDir.resolve("other.key"));

      try (Database wrong = Database.open(db.url(), other)) {
        Journal journal = new Journal(wrong, clock);
        assertThatThrownBy(() -> journal.append(RecordKind.REPORT, "{\"n\":2}"))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageStartingWith(
                "the journal's audit chain is keyed with another key than " + other.file());
        assertThat(journal.lastSequence()).isOne();
        assertThat(AuditVerifier.verify(wrong).firstBreak().orElseThrow().reason())
            .startsWith("the audit key binding does not verify with the key in " + other.file());
      }
      assertThat(AuditVerifier.verify(db.database())).isEqualTo(AuditResult.ok(1));
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void anEmptyJournalIsSealedByAKeyThatAlreadyExisted(Backend backend) throws SQLException {
    AuditKey existing = AuditKey.loadOrCreate(tempDir.resolve("existing.key"));
    AuditKey loaded = AuditKey.load(existing.file());
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      AuditVerifierTest.execute(db, "DELETE FROM audit_key_binding");

      try (Database reopened = Database.open(db.url(), loaded)) {
        new Journal(reopened, clock).append(RecordKind.REPORT, "{\"n\":1}");

        assertThat(AuditVerifier.verify(reopened)).isEqualTo(AuditResult.ok(1));
      }
    }
  }

  /** Appends records as the release before keying did: hashed with plain SHA-256. */
  private static void unkeyed(Connection jdbc, int records) throws SQLException {
    String previous = AuditChain.GENESIS;
    OffsetDateTime at =
        OffsetDateTime.ofInstant(TestRecords.LAUNCH.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    for (int n = 1; n <= records; n++) {
      ChainForger.Row row =
          new ChainForger.Row(n, at.plusSeconds(n), "report", "{\"n\":" + n + "}", previous, "");
      String hash = ChainForger.sha256(previous, row);
      try (PreparedStatement insert =
          jdbc.prepareStatement(
              "INSERT INTO journal (sequence_number, recorded_at, kind, payload, previous_hash,"
                  + " hash) VALUES (?, ?, ?, ?, ?, ?)")) {
        insert.setLong(1, n);
        insert.setObject(2, row.recordedAt());
        insert.setString(3, row.kind());
        insert.setString(4, row.payload());
        insert.setString(5, previous);
        insert.setString(6, hash);
        insert.executeUpdate();
      }
      previous = hash;
    }
    try (PreparedStatement head =
        jdbc.prepareStatement(
            "UPDATE journal_head SET last_sequence_number = ?, last_hash = ? WHERE id = 1")) {
      head.setLong(1, records);
      head.setString(2, previous);
      head.executeUpdate();
    }
  }
}
