package org.tocsin.web;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.tocsin.alert.AlertStatus;
import org.tocsin.store.Accounts;
import org.tocsin.store.AlertActions;
import org.tocsin.store.Database;
import org.tocsin.store.Drafts;
import org.tocsin.store.Sessions;

/**
 * The operator accounts, their sessions and what they do, for a server that lets people in.
 *
 * @param accounts the accounts
 * @param throttle the growing delays after failed logins, per client address and account
 * @param clientAddresses how a request's client address is found: the TCP peer, or behind a trusted
 *     reverse proxy the address it forwards
 * @param sessions the sessions, with their idle timeout
 * @param drafts manual alerts and their approval
 * @param alertActions the stand-downs operators send
 * @param statuses the statuses operators may draft here: all three on a real server, Exercise and
 *     Test in a demo
 */
public record OperatorAuth(
    Accounts accounts,
    LoginThrottle throttle,
    ClientAddresses clientAddresses,
    Sessions sessions,
    Drafts drafts,
    AlertActions alertActions,
    Set<AlertStatus> statuses) {

  public OperatorAuth {
    Objects.requireNonNull(accounts, "accounts");
    Objects.requireNonNull(throttle, "throttle");
    Objects.requireNonNull(clientAddresses, "clientAddresses");
    Objects.requireNonNull(sessions, "sessions");
    Objects.requireNonNull(drafts, "drafts");
    Objects.requireNonNull(alertActions, "alertActions");
    statuses = Set.copyOf(statuses);
    if (statuses.isEmpty()) {
      throw new IllegalArgumentException("statuses: operators must be able to draft some status");
    }
  }

  /** The same, letting operators draft only alerts of {@code allowed} statuses. */
  public OperatorAuth withStatuses(Set<AlertStatus> allowed) {
    return new OperatorAuth(
        accounts, throttle, clientAddresses, sessions, drafts, alertActions, allowed);
  }

  /**
   * The same, looking through the reverse proxies at {@code proxies} (see {@link ClientAddresses}).
   */
  public OperatorAuth withTrustedProxies(Set<String> proxies) {
    return new OperatorAuth(
        accounts, throttle, new ClientAddresses(proxies), sessions, drafts, alertActions, statuses);
  }

  /**
   * Everything on one database, with the standard login throttle.
   *
   * @param idleTimeout how long an unused session stays valid
   */
  public static OperatorAuth on(Database database, Clock clock, Duration idleTimeout) {
    return new OperatorAuth(
        new Accounts(database, clock),
        LoginThrottle.standard(clock),
        ClientAddresses.PEER,
        new Sessions(database, clock, idleTimeout),
        new Drafts(database, clock),
        new AlertActions(database, clock),
        EnumSet.allOf(AlertStatus.class));
  }
}
