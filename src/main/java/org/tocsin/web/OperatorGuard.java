package org.tocsin.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Optional;
import org.tocsin.store.Account;
import org.tocsin.store.Sessions;

/**
 * Who is asking, on the console's endpoints: reading needs a live session; changing anything also
 * needs the session's CSRF token in {@code X-CSRF-Token}, which another site's page cannot read and
 * so cannot send. A refusal is answered here (401 without a session, 403 without the token).
 */
final class OperatorGuard {

  static final String COOKIE = "tocsin_session";
  static final String CSRF_HEADER = "X-CSRF-Token";

  private final Sessions sessions;

  OperatorGuard(Sessions sessions) {
    this.sessions = sessions;
  }

  /** The account of the request's session; else answers 401 and gives empty. */
  Optional<Account> reading(Context ctx) {
    Optional<Account> account = account(ctx);
    if (account.isEmpty()) {
      Problems.send(ctx, HttpStatus.UNAUTHORIZED, "no session, or it has expired");
    }
    return account;
  }

  /**
   * The account of the request's session if it carries the session's CSRF token; else answers 401
   * or 403 and gives empty.
   */
  Optional<Account> acting(Context ctx) {
    Optional<Account> account = reading(ctx);
    if (account.isPresent() && !sessions.csrfMatches(ctx.cookie(COOKIE), ctx.header(CSRF_HEADER))) {
      Problems.send(
          ctx,
          HttpStatus.FORBIDDEN,
          "header " + CSRF_HEADER + ": must be the session's CSRF token");
      return Optional.empty();
    }
    return account;
  }

  private Optional<Account> account(Context ctx) {
    String token = ctx.cookie(COOKIE);
    return token == null ? Optional.empty() : sessions.lookup(token);
  }
}
