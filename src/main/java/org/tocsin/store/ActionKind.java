package org.tocsin.store;

import java.util.Optional;

/**
 * What an {@link RecordKind#OPERATOR_ACTION} record tells of: the {@code action} field of its
 * payload, as stored and hashed into the chain. Written and read through this type only, so that
 * the replay never matches a name the store spells differently.
 */
public enum ActionKind {
  ACCOUNT_CREATED("account-created"),
  LOGIN("login"),
  LOGIN_FAILED("login-failed"),
  LOGIN_FAILED_UNKNOWN_NAMES("login-failed-unknown-names"),
  LOGOUT("logout"),
  DRAFT_CREATED("draft-created"),
  /** A draft approved: its manual alert put in force. The replay issues it again. */
  DRAFT_APPROVED("draft-approved"),
  DRAFT_REJECTED("draft-rejected"),
  /** A Cancel, correction or all-clear sent by people. The replay stands the alert down again. */
  ALERT_STOOD_DOWN("alert-stood-down"),
  /** An upstream authority's alert, Update or Cancel relayed. The replay relays it again. */
  UPSTREAM_RELAYED("upstream-relayed"),
  UPSTREAM_DRAFT_CREATED("upstream-draft-created"),
  UPSTREAM_DRAFT_REJECTED("upstream-draft-rejected"),
  /** Records that could not be applied, set aside by Tocsin: every replay skips them. */
  RECORDS_SET_ASIDE("records-set-aside");

  private final String id;

  ActionKind(String id) {
    this.id = id;
  }

  /** The name stored in the payload's {@code action} field. */
  public String id() {
    return id;
  }

  /** The kind named {@code id}; empty for a name no version of Tocsin wrote. */
  public static Optional<ActionKind> fromId(String id) {
    for (ActionKind kind : values()) {
      if (kind.id.equals(id)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
