package org.tocsin.store;

import java.util.Iterator;
import java.util.Optional;

/**
 * Recomputes the journal's hash chain (see {@link AuditChain}) from the first record and reports
 * the first record that does not check: a changed record fails its own hash, a removed one leaves a
 * gap in the sequence, records removed from the end fall short of the last sequence number the
 * journal head recorded, and a record inserted or replaced with a recomputed hash breaks the link
 * to the record after it.
 */
public final class AuditVerifier {

  private AuditVerifier() {}

  /**
   * @throws StoreException when the database cannot be read
   */
  public static AuditResult verify(Database database) {
    // The head first: records appended while the check runs lie beyond it and are left alone.
    Optional<JournalHead> maybeHead =
        Transactions.inTransaction(
            database,
            "read the journal head",
            connection -> JournalHead.read(connection, JournalHead.Lock.NONE));
    if (maybeHead.isEmpty()) {
      return broken(0, 1, "the journal head is missing");
    }
    JournalHead head = maybeHead.get();
    long expected = 1;
    String previousHash = AuditChain.GENESIS;
    Iterator<JournalRecord> records = Journal.records(database, 1).iterator();
    while (expected <= head.lastSequence() && records.hasNext()) {
      JournalRecord record = records.next();
      if (record.sequence() != expected) {
        return broken(expected - 1, expected, "the record is missing");
      }
      if (!record.previousHash().equals(previousHash)) {
        return broken(
            expected - 1, expected, "its previous hash does not match the record before it");
      }
      if (!AuditChain.hash(record).equals(record.hash())) {
        return broken(expected - 1, expected, "its hash does not match its contents");
      }
      previousHash = record.hash();
      expected++;
    }
    long last = expected - 1;
    if (last < head.lastSequence()) {
      return broken(last, expected, "the record is missing (the journal ends at " + last + ")");
    }
    if (!head.lastHash().equals(previousHash)) {
      return broken(
          Math.max(0, last - 1), Math.max(1, last), "its hash does not match the journal head");
    }
    return AuditResult.ok(last);
  }

  private static AuditResult broken(long sound, long sequence, String reason) {
    return new AuditResult(sound, Optional.of(new AuditResult.Break(sequence, reason)));
  }
}
