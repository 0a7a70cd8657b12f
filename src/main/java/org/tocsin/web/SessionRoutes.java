package org.tocsin.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.tocsin.store.Account;
import org.tocsin.store.LoginResult;
import org.tocsin.store.Sessions;

/**
 * Operators' sessions: {@code POST /api/v1/session} logs in, {@code GET} tells who is logged in,
 * {@code DELETE} logs out. The session token travels only in an HttpOnly, Secure, SameSite=Strict
 * cookie; every mutating request also carries the CSRF token in {@code X-CSRF-Token}. A failed
 * login says the same thing whatever the reason, so it tells nobody which names exist.
 *
 * <p>Before any password is hashed, the {@link LoginThrottle} may refuse the attempt with 429 and
 * {@code Retry-After}: the delay grows with the failures from the client's address (the TCP peer's,
 * or the one a trusted reverse proxy forwards: {@link ClientAddresses}) and on the account, and it
 * is the same for names that exist and names that do not. A server hashing as many passwords as it
 * may answers 503 with {@code Retry-After}.
 */
final class SessionRoutes {

  private static final String COOKIE = OperatorGuard.COOKIE;
  private static final String REFUSED = "the name or the password is wrong";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final OperatorAuth auth;
  private final OperatorGuard guard;

  SessionRoutes(OperatorAuth auth, OperatorGuard guard) {
    this.auth = auth;
    this.guard = guard;
  }

  void login(Context ctx) {
    JsonNode body;
    try {
      body = MAPPER.readTree(ctx.body());
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(
          "body: must be JSON {\"name\": ..., \"password\": ...}", e);
    }
    if (body == null || !body.path("name").isTextual() || !body.path("password").isTextual()) {
      throw new IllegalArgumentException("body: must be JSON {\"name\": ..., \"password\": ...}");
    }
    String name = body.get("name").asText();
    String from = auth.clientAddresses().of(ctx);
    Optional<Duration> wait = auth.throttle().admit(from, name);
    if (wait.isPresent()) {
      long seconds = retryAfterSeconds(wait.get());
      ctx.header("Retry-After", String.valueOf(seconds));
      Problems.send(
          ctx,
          HttpStatus.TOO_MANY_REQUESTS,
          "too many failed logins from this address or on this name; try again in "
              + seconds
              + " s");
      return;
    }
    char[] password = body.get("password").asText().toCharArray();
    LoginResult result;
    try {
      result = auth.accounts().authenticate(name, password, from);
    } finally {
      Arrays.fill(password, '\0');
    }
    if (result instanceof LoginResult.Busy) {
      auth.throttle().notTried(from, name);
      ctx.header("Retry-After", "1");
      Problems.send(
          ctx, HttpStatus.SERVICE_UNAVAILABLE, "too many logins at once; try again in a moment");
      return;
    }
    if (!(result instanceof LoginResult.Ok ok)) {
      Problems.send(ctx, HttpStatus.UNAUTHORIZED, REFUSED);
      return;
    }
    auth.throttle().succeeded(from, name);
    Sessions.Tokens tokens = auth.sessions().create(ok.account());
    ctx.header(
        "Set-Cookie",
        COOKIE + "=" + tokens.sessionToken() + "; Path=/; HttpOnly; Secure; SameSite=Strict");
    ObjectNode node = describe(ok.account());
    node.put("csrfToken", tokens.csrfToken());
    Responses.json(ctx, HttpStatus.CREATED, node);
  }

  void current(Context ctx) {
    guard.reading(ctx).ifPresent(account -> Responses.json(ctx, describe(account)));
  }

  void logout(Context ctx) {
    if (guard.acting(ctx).isEmpty()) {
      return;
    }
    auth.sessions().invalidate(ctx.cookie(COOKIE));
    ctx.header("Set-Cookie", COOKIE + "=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Strict");
    ctx.status(HttpStatus.NO_CONTENT);
  }

  /** Whole seconds, rounded up, so that a client that waits them is admitted. */
  private static long retryAfterSeconds(Duration wait) {
    return Math.max(1, (wait.toMillis() + 999) / 1_000);
  }

  private static ObjectNode describe(Account account) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("account", account.name());
    node.put("role", account.role().id());
    return node;
  }
}
