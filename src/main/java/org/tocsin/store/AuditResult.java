package org.tocsin.store;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link AuditVerifier} found.
 *
 * @param records how many records were checked and found sound, in order from the first
 * @param unkeyedRecords how many of those, from the first, were written before the chain was keyed
 *     and are hashed with plain SHA-256 only: they are sealed by the keyed chain from then on, but
 *     someone with write access to the database could have rewritten them before
 * @param firstBreak the first record where the chain is broken, if it is
 */
public record AuditResult(long records, long unkeyedRecords, Optional<Break> firstBreak) {

  /**
   * @param sequence the sequence number of the first record that fails
   * @param reason what is wrong with it, in words
   */
  public record Break(long sequence, String reason) {
    public Break {
      Objects.requireNonNull(reason, "reason");
    }
  }

  public AuditResult {
    Objects.requireNonNull(firstBreak, "firstBreak");
    if (unkeyedRecords < 0 || unkeyedRecords > records) {
      throw new IllegalArgumentException(
          "unkeyedRecords must be within [0, " + records + "], was " + unkeyedRecords);
    }
  }

  /** The result for a sound journal of {@code records} records, all keyed. */
  public static AuditResult ok(long records) {
    return ok(records, 0);
  }

  /** The result for a sound journal of {@code records} records, the first {@code unkeyed} not. */
  public static AuditResult ok(long records, long unkeyed) {
    return new AuditResult(records, unkeyed, Optional.empty());
  }

  /** The result for a journal whose first {@code sound} records check and the next does not. */
  public static AuditResult broken(long sound, long unkeyed, Break firstBreak) {
    return new AuditResult(sound, Math.min(sound, unkeyed), Optional.of(firstBreak));
  }

  /** Whether every record checks. */
  public boolean intact() {
    return firstBreak.isEmpty();
  }
}
