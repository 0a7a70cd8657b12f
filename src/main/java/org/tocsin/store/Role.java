package org.tocsin.store;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What an account may do in the console; each role is a separate grant, not a rank. */
public enum Role {
  /** Sees alerts in force, drafts and threats being tracked. */
  VIEWER,
  /** Drafts manual alerts, exercises and tests, and sends the ready corrections. */
  OPERATOR,
  /**
   * Approves or rejects another account's draft; may also draft and send the ready corrections, but
   * never approve a draft of its own.
   */
  APPROVER,
  /** Manages accounts. */
  ADMIN;

  /** Whether the role may draft manual alerts. */
  public boolean mayDraft() {
    return this == OPERATOR || this == APPROVER;
  }

  /** Whether the role may approve or reject drafts (never its own). */
  public boolean mayApprove() {
    return this == APPROVER;
  }

  /** Whether the role may send a ready Cancel, correction or all-clear. */
  public boolean mayStandDown() {
    return this == OPERATOR || this == APPROVER;
  }

  /** The name stored in the database and journal, and typed on the command line: {@code admin}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalArgumentException listing the roles when the id is unknown
   */
  public static Role fromId(String id) {
    for (Role role : values()) {
      if (role.id().equals(id)) {
        return role;
      }
    }
    throw new IllegalArgumentException(
        "role must be one of "
            + Arrays.stream(values()).map(Role::id).collect(Collectors.joining(", "))
            + ", was '"
            + id
            + "'");
  }
}
