package org.tocsin.web;

import java.util.Objects;
import org.tocsin.store.Accounts;
import org.tocsin.store.Sessions;

/**
 * The operator accounts and their sessions, for a server that lets people in.
 *
 * @param accounts the accounts, with their lock-out
 * @param sessions the sessions, with their idle timeout
 */
public record OperatorAuth(Accounts accounts, Sessions sessions) {

  public OperatorAuth {
    Objects.requireNonNull(accounts, "accounts");
    Objects.requireNonNull(sessions, "sessions");
  }
}
