package org.tocsin.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The hash chain over the journal. Each record's hash is
 *
 * <pre>
 *   SHA-256( previous_hash "\n" sequence "\n" kind "\n" recorded_at "\n" payload )
 * </pre>
 *
 * over UTF-8 bytes, written as lower-case hex; {@code sequence} in decimal, {@code kind} as its id
 * ({@code alert-event}), {@code recorded_at} as ISO-8601 in UTC ({@link Instant#toString()},
 * microsecond precision). Only the payload can hold a newline and it comes last, so no two
 * different records hash the same input. The first record chains from 64 zeros. Changing, inserting
 * or removing a record breaks every hash after it, unless all are recomputed; the chain shows
 * tampering by anyone without write access to the verifier's copy of the last hash.
 */
final class AuditChain {

  static final String GENESIS = "0".repeat(64);

  private AuditChain() {}

  static String hash(
      String previousHash, long sequence, RecordKind kind, Instant recordedAt, String payload) {
    String input =
        previousHash
            + '\n'
            + sequence
            + '\n'
            + kind.id()
            + '\n'
            + Transactions.stored(recordedAt)
            + '\n'
            + payload;
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest(input.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  static String hash(JournalRecord record) {
    return hash(
        record.previousHash(),
        record.sequence(),
        record.kind(),
        record.recordedAt(),
        record.payloadJson());
  }
}
