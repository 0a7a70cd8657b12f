package org.tocsin.store;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What an account may do in the console; each role is a separate grant, not a rank. */
public enum Role {
  /** Sees alerts in force and threats being tracked. */
  VIEWER,
  /** Drafts manual alerts, exercises and tests, and sends prepared corrections. */
  OPERATOR,
  /** Approves or rejects another account's draft of an Actual alert. */
  APPROVER,
  /** Manages accounts. */
  ADMIN;

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
