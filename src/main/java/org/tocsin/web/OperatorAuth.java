package org.tocsin.web;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.tocsin.store.Accounts;
import org.tocsin.store.AlertActions;
import org.tocsin.store.Database;
import org.tocsin.store.Drafts;
import org.tocsin.store.Sessions;

/**
 * The operator accounts, their sessions and what they do, for a server that lets people in.
 *
 * @param accounts the accounts, with their lock-out
 * @param sessions the sessions, with their idle timeout
 * @param drafts manual alerts and their approval
 * @param alertActions the stand-downs operators send
 */
public record OperatorAuth(
    Accounts accounts, Sessions sessions, Drafts drafts, AlertActions alertActions) {

  public OperatorAuth {
    Objects.requireNonNull(accounts, "accounts");
    Objects.requireNonNull(sessions, "sessions");
    Objects.requireNonNull(drafts, "drafts");
    Objects.requireNonNull(alertActions, "alertActions");
  }

  /**
   * Everything on one database.
   *
   * @param maxFailedLogins consecutive wrong passwords that lock an account
   * @param lockout how long a locked account stays locked
   * @param idleTimeout how long an unused session stays valid
   */
  public static OperatorAuth on(
      Database database, Clock clock, int maxFailedLogins, Duration lockout, Duration idleTimeout) {
    return new OperatorAuth(
        new Accounts(database, clock, maxFailedLogins, lockout),
        new Sessions(database, clock, idleTimeout),
        new Drafts(database, clock),
        new AlertActions(database, clock));
  }
}
