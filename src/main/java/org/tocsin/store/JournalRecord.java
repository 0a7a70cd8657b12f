package org.tocsin.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One record of the journal, as stored.
 *
 * @param sequence position in the journal, from 1 without gaps
 * @param recordedAt when it was appended (to the microsecond)
 * @param kind what the payload holds
 * @param payloadJson the payload, a JSON document, exactly as appended
 * @param previousHash the hash of the record before (64 zeros for the first), lower-case hex
 * @param hash HMAC-SHA256 under the audit key (plain SHA-256 for records written before the chain
 *     was keyed) over the previous hash and this record's fields, lower-case hex
 */
public record JournalRecord(
    long sequence,
    Instant recordedAt,
    RecordKind kind,
    String payloadJson,
    String previousHash,
    String hash) {

  public JournalRecord {
    Objects.requireNonNull(recordedAt, "recordedAt");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(payloadJson, "payloadJson");
    Objects.requireNonNull(previousHash, "previousHash");
    Objects.requireNonNull(hash, "hash");
  }
}
