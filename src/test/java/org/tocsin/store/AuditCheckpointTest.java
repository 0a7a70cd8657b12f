package org.tocsin.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tocsin.store.TestDatabase.Backend;

class AuditCheckpointTest {

  @TempDir Path tempDir;

  private final MutableClock clock = new MutableClock(TestRecords.LAUNCH);

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aCheckpointOfAnIntactChainRoundTripsThroughJsonAndVerifies(Backend backend)
      throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      fill(db, 10);

      AuditCheckpoint checkpoint = sign(db);
      AuditCheckpoint read = AuditCheckpoint.fromJson(checkpoint.toJson());

      assertThat(read).isEqualTo(checkpoint);
      assertThat(read.sequence()).isEqualTo(10);
      assertThat(read.hash())
          .isEqualTo(new Journal(db.database(), clock).read(10).findFirst().orElseThrow().hash());
      read.requireSignedBy(db.auditKey());
      fill(db, 2);
      assertThat(AuditVerifier.verify(db.database(), List.of(read))).isEqualTo(AuditResult.ok(12));
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void recordsCutFromTheEndWithTheHeadMovedBackAreFoundByACheckpoint(Backend backend)
      throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      fill(db, 10);
      AuditCheckpoint checkpoint = sign(db);
      JournalRecord eighth = new Journal(db.database(), clock).read(8).findFirst().orElseThrow();

      AuditVerifierTest.execute(db, "DELETE FROM journal WHERE sequence_number > 8");
      AuditVerifierTest.execute(
          db,
          "UPDATE journal_head SET last_sequence_number = 8, last_hash = '" + eighth.hash() + "'");

      assertThat(AuditVerifier.verify(db.database())).isEqualTo(AuditResult.ok(8));
      assertThat(AuditVerifier.verify(db.database(), List.of(checkpoint)))
          .isEqualTo(
              AuditResult.broken(
                  8,
                  0,
                  new AuditResult.Break(
                      9,
                      "the record is missing (the journal ends at 8), yet a checkpoint signed at "
                          + checkpoint.signedAt()
                          + " holds it to record 10")));
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aChainRecomputedWithAStolenKeyIsFoundByAnEarlierCheckpoint(Backend backend)
      throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      fill(db, 10);
      AuditCheckpoint checkpoint = sign(db);

      AuditVerifierTest.execute(
          db, "UPDATE journal SET payload = '{\"n\":50}' WHERE sequence_number = 5");
      rehashWithKey(db, 5);

      assertThat(AuditVerifier.verify(db.database())).isEqualTo(AuditResult.ok(10));
      assertThat(AuditVerifier.verify(db.database(), List.of(checkpoint)))
          .isEqualTo(
              AuditResult.broken(
                  9,
                  0,
                  new AuditResult.Break(
                      10,
                      "its hash does not match the checkpoint signed at "
                          + checkpoint.signedAt())));
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aBrokenChainIsNotSigned(Backend backend) throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      fill(db, 3);
      AuditVerifierTest.execute(
          db, "UPDATE journal SET payload = '{\"n\":20}' WHERE sequence_number = 2");

      AuditCheckpoint.Signing signing = AuditCheckpoint.signIfIntact(db.database(), clock);

      assertThat(signing.checkpoint()).isEmpty();
      assertThat(signing.audit().firstBreak().orElseThrow().sequence()).isEqualTo(2);
    }
  }

  @Test
  void aChangedCheckpointOrOneSignedWithAnotherKeyIsRefused() throws SQLException {
    try (TestDatabase db = TestDatabase.create(Backend.H2, tempDir)) {
      fill(db, 3);
      AuditCheckpoint checkpoint = sign(db);
      AuditCheckpoint moved =
          AuditCheckpoint.fromJson(checkpoint.toJson().replace("\"sequence\":3", "\"sequence\":2"));
      AuditKey other = AuditKey.loadOrCreate(tempDir.resolve("other.key"));

      assertThatThrownBy(() -> moved.requireSignedBy(db.auditKey()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "signature: does not verify with the audit key "
                  + db.auditKey().file()
                  + "; the checkpoint was changed");
      assertThatThrownBy(() -> checkpoint.requireSignedBy(other))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "publicKey: the checkpoint was signed by another key than the audit key "
                  + other.file());
    }
  }

  @Test
  void aMalformedCheckpointIsRefusedNamingTheField() {
    String valid =
        "{\"format\":\"tocsin-audit-checkpoint/1\",\"sequence\":3,\"hash\":\""
            + "a".repeat(64)
            + "\",\"signedAt\":\"2024-11-21T02:00:00Z\",\"publicKey\":\"AAAA\",\"signature\":\"AAAA\"}";
    assertThat(AuditCheckpoint.fromJson(valid).sequence()).isEqualTo(3);

    assertThatThrownBy(() -> AuditCheckpoint.fromJson("[1]"))
        .hasMessage("a checkpoint must be a JSON object");
    assertThatThrownBy(() -> AuditCheckpoint.fromJson(valid.replace("/1", "/9")))
        .hasMessage("format must be tocsin-audit-checkpoint/1, was 'tocsin-audit-checkpoint/9'");
    assertThatThrownBy(() -> AuditCheckpoint.fromJson(valid.replace("3,", "-3,")))
        .hasMessage("sequence must be at least 0, was -3");
    assertThatThrownBy(() -> AuditCheckpoint.fromJson(valid.replace("a".repeat(64), "xyz")))
        .hasMessage("hash must be 64 lower-case hexadecimal digits, was 'xyz'");
    assertThatThrownBy(
            () -> AuditCheckpoint.fromJson(valid.replace("2024-11-21T02:00:00Z", "yesterday")))
        .hasMessage("signedAt must be an ISO-8601 instant, was 'yesterday'");
    assertThatThrownBy(
            () -> AuditCheckpoint.fromJson(valid.replace("\"signature\":\"AAAA\"", "\"x\":1")))
        .hasMessage("signature must be a string, was null");
  }

  private AuditCheckpoint sign(TestDatabase db) {
    return AuditCheckpoint.signIfIntact(db.database(), clock).checkpoint().orElseThrow();
  }

  private void fill(TestDatabase db, int records) {
    Journal journal = new Journal(db.database(), clock);
    for (int n = 1; n <= records; n++) {
      clock.advance(Duration.ofMillis(250));
      journal.append(RecordKind.REPORT, "{\"n\":" + n + "}");
    }
  }

  /** What someone holding the key could do: recompute every keyed hash from {@code sequence}. */
  private static void rehashWithKey(TestDatabase db, long sequence) throws SQLException {
    try (var jdbc = db.jdbc()) {
      List<ChainForger.Row> rows = ChainForger.rowsFrom(jdbc, sequence);
      String previous = rows.get(0).previousHash();
      for (ChainForger.Row row : rows) {
        String hash =
            AuditChain.keyedHash(
                db.auditKey(),
                previous,
                row.sequence(),
                RecordKind.fromId(row.kind()),
                row.recordedAt().toInstant(),
                row.payload());
        AuditVerifierTest.execute(
            db,
            "UPDATE journal SET previous_hash = '"
                + previous
                + "', hash = '"
                + hash
                + "' WHERE sequence_number = "
                + row.sequence());
        previous = hash;
      }
      AuditVerifierTest.execute(db, "UPDATE journal_head SET last_hash = '" + previous + "'");
    }
  }
}
