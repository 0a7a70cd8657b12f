package org.tocsin.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Arrays;
import org.tocsin.store.Account;
import org.tocsin.store.LoginResult;
import org.tocsin.store.Sessions;

/**
 * Operators' sessions: {@code POST /api/v1/session} logs in, {@code GET} tells who is logged in,
 * {@code DELETE} logs out. The session token travels only in an HttpOnly, Secure, SameSite=Strict
 * cookie; every mutating request also carries the CSRF token in {@code X-CSRF-Token}. A failed
 * login says the same thing whatever the reason, so it tells nobody which names exist or which
 * accounts are locked.
 */
final class SessionRoutes {

  private static final String COOKIE = OperatorGuard.COOKIE;
  private static final String REFUSED =
      "the name or the password is wrong, or the account is locked for a while";
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
    char[] password = body.get("password").asText().toCharArray();
    LoginResult result;
    try {
      result = auth.accounts().authenticate(body.get("name").asText(), password);
    } finally {
      Arrays.fill(password, '\0');
    }
    if (!(result instanceof LoginResult.Ok ok)) {
      Problems.send(ctx, HttpStatus.UNAUTHORIZED, REFUSED);
      return;
    }
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

  private static ObjectNode describe(Account account) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("account", account.name());
    node.put("role", account.role().id());
    return node;
  }
}
