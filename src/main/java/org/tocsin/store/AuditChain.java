package org.tocsin.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The keyed hash chain over the journal. Each record's hash is
 *
 * <pre>
 *   HMAC-SHA256( audit key, previous_hash "\n" sequence "\n" kind "\n" recorded_at "\n" payload )
 * </pre>
 *
 * over UTF-8 bytes, written as lower-case hex; {@code sequence} in decimal, {@code kind} as its id
 * ({@code alert-event}), {@code recorded_at} as ISO-8601 in UTC ({@link Instant#toString()},
 * microsecond precision). Only the payload can hold a newline and it comes last, so no two
 * different records hash the same input. The first record chains from 64 zeros. Changing, inserting
 * or removing a record breaks every hash after it, and only the holder of the {@link AuditKey},
 * which never lives in the database, can compute the hashes again.
 *
 * <p>Journals begun before the chain was keyed hold records hashed with plain SHA-256 over the same
 * input ({@link #unkeyedHash}). They stay as they are: an {@link AuditBinding} made with the key
 * seals how many there are and the last one's hash, and the first keyed record chains from it.
 */
final class AuditChain {

  static final String GENESIS = "0".repeat(64);

  private AuditChain() {}

  /** The record's hash under {@code key}. */
  static String keyedHash(
      AuditKey key,
      String previousHash,
      long sequence,
      RecordKind kind,
      Instant recordedAt,
      String payload) {
    return key.mac(input(previousHash, sequence, kind, recordedAt, payload));
  }

  /** The record's hash as journals hashed it before the chain was keyed: plain SHA-256. */
  static String unkeyedHash(
      String previousHash, long sequence, RecordKind kind, Instant recordedAt, String payload) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      byte[] input =
          input(previousHash, sequence, kind, recordedAt, payload).getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(sha256.digest(input));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  static String keyedHash(AuditKey key, JournalRecord record) {
    return keyedHash(
        key,
        record.previousHash(),
        record.sequence(),
        record.kind(),
        record.recordedAt(),
        record.payloadJson());
  }

  static String unkeyedHash(JournalRecord record) {
    return unkeyedHash(
        record.previousHash(),
        record.sequence(),
        record.kind(),
        record.recordedAt(),
        record.payloadJson());
  }

  private static String input(
      String previousHash, long sequence, RecordKind kind, Instant recordedAt, String payload) {
    return previousHash
        + '\n'
        + sequence
        + '\n'
        + kind.id()
        + '\n'
        + Timestamps.stored(recordedAt)
        + '\n'
        + payload;
  }
}
