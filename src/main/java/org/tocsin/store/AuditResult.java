package org.tocsin.store;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link AuditVerifier} found.
 *
 * @param records how many records were checked and found sound, in order from the first
 * @param firstBreak the first record where the chain is broken, if it is
 */
public record AuditResult(long records, Optional<Break> firstBreak) {

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
  }

  /** The result for a sound journal of {@code records} records. */
  public static AuditResult ok(long records) {
    return new AuditResult(records, Optional.empty());
  }

  /** Whether every record checks. */
  public boolean intact() {
    return firstBreak.isEmpty();
  }
}
