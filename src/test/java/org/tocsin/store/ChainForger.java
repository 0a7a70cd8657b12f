package org.tocsin.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.tocsin.alert.AlertStatus;

/**
 * An intruder with write access to the database and nothing else: plain JDBC, and the hash the
 * chain's documentation describes computed with plain SHA-256, the one thing such an intruder can
 * compute. It rewrites a record, then every later hash and the journal head to match.
 */
public final class ChainForger {

  private ChainForger() {}

  /**
   * Journals a draft by olena (operator) approved by petro (approver); returns the approval
   * record's sequence number.
   */
  public static long draftApprovedByAnother(TestDatabase db) {
    Clock clock = Clock.systemUTC();
    Accounts accounts = new Accounts(db.database(), clock);
    char[] password = "correct horse battery".toCharArray();
    Account olena = accounts.create("olena", Role.OPERATOR, password);
    Account petro = accounts.create("petro", Role.APPROVER, password);
    Drafts drafts = new Drafts(db.database(), clock);
    long id = drafts.create(olena, AlertStatus.EXERCISE, "{\"areas\":[\"UA8000000\"]}").id();
    drafts.approve(id, petro, AlertStatus.EXERCISE);
    return new Journal(db.database(), clock)
        .read(1)
        .filter(record -> record.payloadJson().contains("\"draft-approved\""))
        .findFirst()
        .orElseThrow()
        .sequence();
  }

  /**
   * Rewrites the approval at {@code sequence} so that the drafter, olena, approved her own draft,
   * and recomputes with plain SHA-256 the hash of that record, of every later one and of the head.
   */
  public static void makeDrafterTheApprover(TestDatabase db, long sequence) throws SQLException {
    try (Connection jdbc = db.jdbc()) {
      List<Row> rows = rowsFrom(jdbc, sequence);
      Row approval = rows.get(0);
      assertThat(approval.payload()).contains("\"account\":\"petro\"");
      rows.set(
          0,
          approval.withPayload(
              approval
                  .payload()
                  .replace("\"account\":\"petro\"", "\"account\":\"olena\"")
                  .replace("\"role\":\"approver\"", "\"role\":\"operator\"")));
      String previous = approval.previousHash();
      for (Row row : rows) {
        String hash = sha256(previous, row);
        update(jdbc, row, previous, hash);
        previous = hash;
      }
      Row last = rows.get(rows.size() - 1);
      try (PreparedStatement head =
          jdbc.prepareStatement(
              "UPDATE journal_head SET last_sequence_number = ?, last_hash = ? WHERE id = 1")) {
        head.setLong(1, last.sequence());
        head.setString(2, previous);
        assertThat(head.executeUpdate()).isOne();
      }
    }
  }

  /** Recomputes with plain SHA-256 the hash of every record from {@code sequence}, and the head. */
  public static void rehashWithoutKey(TestDatabase db, long sequence) throws SQLException {
    try (Connection jdbc = db.jdbc()) {
      List<Row> rows = rowsFrom(jdbc, sequence);
      String previous = rows.get(0).previousHash();
      for (Row row : rows) {
        String hash = sha256(previous, row);
        update(jdbc, row, previous, hash);
        previous = hash;
      }
      try (PreparedStatement head =
          jdbc.prepareStatement("UPDATE journal_head SET last_hash = ? WHERE id = 1")) {
        head.setString(1, previous);
        assertThat(head.executeUpdate()).isOne();
      }
    }
  }

  /** What the chain's documentation says each hash is, computed as anyone can: plain SHA-256. */
  static String sha256(String previousHash, Row row) {
    String input =
        previousHash
            + '\n'
            + row.sequence()
            + '\n'
            + row.kind()
            + '\n'
            + row.recordedAt().toInstant()
            + '\n'
            + row.payload();
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** A journal row as plain JDBC reads it. */
  record Row(
      long sequence,
      OffsetDateTime recordedAt,
      String kind,
      String payload,
      String previousHash,
      String hash) {
    Row withPayload(String newPayload) {
      return new Row(sequence, recordedAt, kind, newPayload, previousHash, hash);
    }
  }

  static List<Row> rowsFrom(Connection jdbc, long sequence) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (PreparedStatement statement =
        jdbc.prepareStatement(
            "SELECT sequence_number, recorded_at, kind, payload, previous_hash, hash FROM journal"
                + " WHERE sequence_number >= ? ORDER BY sequence_number")) {
      statement.setLong(1, sequence);
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          rows.add(
              new Row(
                  result.getLong(1),
                  result.getObject(2, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC),
                  result.getString(3),
                  result.getString(4),
                  result.getString(5),
                  result.getString(6)));
        }
      }
    }
    assertThat(rows).isNotEmpty();
    return rows;
  }

  private static void update(Connection jdbc, Row row, String previousHash, String hash)
      throws SQLException {
    try (PreparedStatement statement =
        jdbc.prepareStatement(
            "UPDATE journal SET payload = ?, previous_hash = ?, hash = ? WHERE sequence_number = ?")) {
      statement.setString(1, row.payload());
      statement.setString(2, previousHash);
      statement.setString(3, hash);
      statement.setLong(4, row.sequence());
      assertThat(statement.executeUpdate()).isOne();
    }
  }
}
