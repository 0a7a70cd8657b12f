package org.tocsin.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;

/**
 * The seal set on a journal when its chain became keyed ({@code audit_key_binding}): the records
 * before it were hashed with plain SHA-256, every later one with the {@link AuditKey}.
 *
 * <p>Only the first opening with a key the process has just made, or one that finds the journal
 * empty, writes the seal: with a key that may already have chained records, a missing seal means it
 * was removed, and writing a new one would let whoever removed it pass the whole chain off as
 * unkeyed (recomputed with plain SHA-256). Writers then refuse to append, and the verifier reports
 * the trail broken.
 *
 * @param unkeyedRecords how many records, from the first, were hashed before the chain was keyed
 * @param unkeyedLastHash the hash of the last of them (64 zeros when there are none)
 * @param mac HMAC-SHA256 under the key of both, in lower-case hex
 */
record AuditBinding(long unkeyedRecords, String unkeyedLastHash, String mac) {

  AuditBinding {
    Objects.requireNonNull(unkeyedLastHash, "unkeyedLastHash");
    Objects.requireNonNull(mac, "mac");
  }

  /** The seal of a journal whose records up to {@code head} are unkeyed. */
  static AuditBinding seal(AuditKey key, JournalHead head) {
    return new AuditBinding(
        head.lastSequence(),
        head.lastHash(),
        key.mac(macInput(head.lastSequence(), head.lastHash())));
  }

  /** Whether the seal was made with {@code key}, unchanged. */
  boolean sealedBy(AuditKey key) {
    return key.mac(macInput(unkeyedRecords, unkeyedLastHash)).equals(mac);
  }

  /**
   * Seals the journal if it has no seal yet and may be sealed now: the key was just made, or the
   * journal is empty. Runs under the head's lock, so no record is appended meanwhile.
   */
  static void sealIfNew(Database database) {
    AuditKey key = database.auditKey();
    boolean keyIsNew = key.takeFirstUse();
    database.writeLock().lock();
    try {
      Transactions.inTransaction(
          database,
          "seal the journal's audit chain",
          connection -> {
            JournalHead head =
                JournalHead.read(connection, JournalHead.Lock.FOR_UPDATE)
                    .orElseThrow(
                        () -> new IllegalStateException("the journal_head row is missing"));
            if (read(connection).isEmpty() && (keyIsNew || head.lastSequence() == 0)) {
              seal(key, head).insert(connection);
            }
            return null;
          });
    } catch (StoreException e) {
      // Another process sealed it first, with the same key or not: writers check which.
      if (!(e.getCause() instanceof SQLException sql && Transactions.isUniqueViolation(sql))) {
        throw e;
      }
    } finally {
      database.writeLock().unlock();
    }
  }

  /**
   * Checks, before a writer extends the chain, that the journal is sealed with the writer's key.
   *
   * @throws IllegalStateException when it is not, saying why; the caller's transaction is then
   *     rolled back and nothing is stored
   */
  static void requireSealedBy(Connection connection, AuditKey key) throws SQLException {
    Optional<AuditBinding> binding = read(connection);
    if (binding.isEmpty()) {
      throw new IllegalStateException(
          "the journal's audit key binding (table audit_key_binding) is missing: it was removed,"
              + " or the journal was begun with another key than "
              + key.file()
              + "; nothing is appended to a chain that cannot be verified (see tocsin audit"
              + " verify)");
    }
    if (!binding.get().sealedBy(key)) {
      throw new IllegalStateException(
          "the journal's audit chain is keyed with another key than "
              + key.file()
              + " (or its binding was changed); nothing is appended to it (see tocsin audit"
              + " verify)");
    }
  }

  static Optional<AuditBinding> read(Connection connection) throws SQLException {
    try (PreparedStatement statement =
            connection.prepareStatement(
                "SELECT unkeyed_records, unkeyed_last_hash, mac FROM audit_key_binding WHERE id = 1");
        ResultSet rows = statement.executeQuery()) {
      return rows.next()
          ? Optional.of(new AuditBinding(rows.getLong(1), rows.getString(2), rows.getString(3)))
          : Optional.empty();
    }
  }

  private void insert(Connection connection) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "INSERT INTO audit_key_binding (id, unkeyed_records, unkeyed_last_hash, mac)"
                + " VALUES (1, ?, ?, ?)")) {
      statement.setLong(1, unkeyedRecords);
      statement.setString(2, unkeyedLastHash);
      statement.setString(3, mac);
      statement.executeUpdate();
    }
  }

  private static String macInput(long unkeyedRecords, String unkeyedLastHash) {
    return "tocsin-audit-key-binding\n" + unkeyedRecords + '\n' + unkeyedLastHash;
  }
}
