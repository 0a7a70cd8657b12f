package org.tocsin.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Recomputes the journal's keyed hash chain (see {@link AuditChain}) from the first record, with
 * the database's {@link AuditKey}, and reports the first record that does not check: a changed
 * record fails its own hash, and so does one whose hash was recomputed without the key; a removed
 * one leaves a gap in the sequence; records removed from the end fall short of the last sequence
 * number the journal head records, or of a checkpoint; a record inserted or replaced with a
 * recomputed hash breaks the link to the record after it.
 *
 * <p>The records before the chain was keyed are checked with plain SHA-256, as many as the {@link
 * AuditBinding} says; the binding's own HMAC keeps anyone without the key from moving that
 * boundary. Records cut from the end together with the head are found only by a {@link
 * AuditCheckpoint} kept apart from the database.
 */
public final class AuditVerifier {

  private AuditVerifier() {}

  /**
   * @throws StoreException when the database cannot be read
   */
  public static AuditResult verify(Database database) {
    return verify(database, List.of());
  }

  /**
   * Verifies the chain and that each checkpoint's record is still in it with the hash it had.
   *
   * @param checkpoints checkpoints whose signatures were checked ({@link
   *     AuditCheckpoint#requireSignedBy})
   * @throws StoreException when the database cannot be read
   */
  public static AuditResult verify(Database database, List<AuditCheckpoint> checkpoints) {
    return walk(database, checkpoints).result();
  }

  /**
   * What the walk found, and when the chain is intact the hash of its last record (64 zeros for an
   * empty journal); null when it is broken.
   */
  record Walk(AuditResult result, String lastHash) {}

  static Walk walk(Database database, List<AuditCheckpoint> checkpoints) {
    AuditKey key = database.auditKey();
    // The head first: records appended while the check runs lie beyond it and are left alone.
    Start start = Transactions.inTransaction(database, "read the journal head", Start::read);
    if (start.head().isEmpty()) {
      return broken(0, 0, 1, "the journal head is missing");
    }
    if (start.binding().isEmpty()) {
      return broken(
          0,
          0,
          1,
          "the audit key binding is missing, so no record can be told keyed from unkeyed (it was"
              + " removed, or the journal was begun with another key)");
    }
    AuditBinding binding = start.binding().get();
    if (!binding.sealedBy(key)) {
      return broken(
          0,
          0,
          1,
          "the audit key binding does not verify with the key in "
              + key.file()
              + ": the chain is keyed with another key, or the binding was changed");
    }
    JournalHead head = start.head().get();
    long unkeyed = binding.unkeyedRecords();
    Map<Long, List<AuditCheckpoint>> checkpointsAt = new HashMap<>();
    AuditCheckpoint furthest = null;
    for (AuditCheckpoint checkpoint : checkpoints) {
      checkpointsAt.computeIfAbsent(checkpoint.sequence(), n -> new ArrayList<>()).add(checkpoint);
      if (furthest == null || checkpoint.sequence() > furthest.sequence()) {
        furthest = checkpoint;
      }
    }
    long end =
        Math.max(
            Math.max(head.lastSequence(), unkeyed), furthest == null ? 0 : furthest.sequence());
    long expected = 1;
    String previousHash = AuditChain.GENESIS;
    String hashAtHead = head.lastSequence() == 0 ? AuditChain.GENESIS : null;
    Iterator<JournalRecord> records = Journal.records(database, 1).iterator();
    while (expected <= end && records.hasNext()) {
      JournalRecord record = records.next();
      Optional<String> fault = fault(record, expected, previousHash, key, binding, checkpointsAt);
      if (fault.isPresent()) {
        return broken(expected - 1, unkeyed, expected, fault.get());
      }
      previousHash = record.hash();
      if (expected == head.lastSequence()) {
        hashAtHead = record.hash();
      }
      expected++;
    }
    long last = expected - 1;
    if (last < end) {
      String reason = "the record is missing (the journal ends at " + last + ")";
      if (furthest != null && furthest.sequence() == end && end > head.lastSequence()) {
        reason +=
            ", yet a checkpoint signed at "
                + furthest.signedAt()
                + " holds it to record "
                + furthest.sequence();
      }
      return broken(last, unkeyed, expected, reason);
    }
    if (!head.lastHash().equals(hashAtHead)) {
      long atHead = head.lastSequence();
      return broken(
          Math.max(0, atHead - 1),
          unkeyed,
          Math.max(1, atHead),
          "its hash does not match the journal head");
    }
    return new Walk(AuditResult.ok(last, Math.min(unkeyed, last)), previousHash);
  }

  private static Optional<String> fault(
      JournalRecord record,
      long expected,
      String previousHash,
      AuditKey key,
      AuditBinding binding,
      Map<Long, List<AuditCheckpoint>> checkpointsAt) {
    if (record.sequence() != expected) {
      return Optional.of("the record is missing");
    }
    if (!record.previousHash().equals(previousHash)) {
      return Optional.of("its previous hash does not match the record before it");
    }
    boolean isUnkeyed = expected <= binding.unkeyedRecords();
    String hash = isUnkeyed ? AuditChain.unkeyedHash(record) : AuditChain.keyedHash(key, record);
    if (!hash.equals(record.hash())) {
      return Optional.of("its hash does not match its contents");
    }
    if (expected == binding.unkeyedRecords() && !hash.equals(binding.unkeyedLastHash())) {
      return Optional.of("its hash does not match the one sealed when the chain was keyed");
    }
    return checkpointsAt.getOrDefault(expected, List.of()).stream()
        .filter(checkpoint -> !checkpoint.hash().equals(hash))
        .findFirst()
        .map(
            checkpoint ->
                "its hash does not match the checkpoint signed at " + checkpoint.signedAt());
  }

  private static Walk broken(long sound, long unkeyed, long sequence, String reason) {
    return new Walk(
        AuditResult.broken(sound, unkeyed, new AuditResult.Break(sequence, reason)), null);
  }

  /** The head and the binding, read in one transaction. */
  private record Start(Optional<JournalHead> head, Optional<AuditBinding> binding) {
    static Start read(Connection connection) throws SQLException {
      return new Start(
          JournalHead.read(connection, JournalHead.Lock.NONE), AuditBinding.read(connection));
    }
  }
}
