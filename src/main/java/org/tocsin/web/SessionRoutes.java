package org.tocsin.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Arrays;
import java.util.Optional;
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

  static final String COOKIE = "tocsin_session";
  static final String CSRF_HEADER = "X-CSRF-Token";
  private static final String REFUSED =
      "the name or the password is wrong, or the account is locked for a while";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final OperatorAuth auth;

  SessionRoutes(OperatorAuth auth) {
    this.auth = auth;
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
      WebServer.problem(ctx, HttpStatus.UNAUTHORIZED, "Login refused", REFUSED);
      return;
    }
    Sessions.Tokens tokens = auth.sessions().create(ok.account());
    ctx.header(
        "Set-Cookie",
        COOKIE + "=" + tokens.sessionToken() + "; Path=/; HttpOnly; Secure; SameSite=Strict");
    ObjectNode node = describe(ok.account());
    node.put("csrfToken", tokens.csrfToken());
    ctx.status(HttpStatus.CREATED).contentType("application/json").result(node.toString());
  }

  void current(Context ctx) {
    account(ctx)
        .ifPresentOrElse(
            account -> ctx.contentType("application/json").result(describe(account).toString()),
            () ->
                WebServer.problem(
                    ctx,
                    HttpStatus.UNAUTHORIZED,
                    "Not logged in",
                    "no session, or it has expired"));
  }

  void logout(Context ctx) {
    String token = ctx.cookie(COOKIE);
    if (token == null || account(ctx).isEmpty()) {
      WebServer.problem(
          ctx, HttpStatus.UNAUTHORIZED, "Not logged in", "no session, or it has expired");
      return;
    }
    if (!auth.sessions().csrfMatches(token, ctx.header(CSRF_HEADER))) {
      WebServer.problem(
          ctx,
          HttpStatus.FORBIDDEN,
          "CSRF token required",
          "header " + CSRF_HEADER + ": must be the session's CSRF token");
      return;
    }
    auth.sessions().invalidate(token);
    ctx.header("Set-Cookie", COOKIE + "=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Strict");
    ctx.status(HttpStatus.NO_CONTENT);
  }

  private Optional<Account> account(Context ctx) {
    String token = ctx.cookie(COOKIE);
    return token == null ? Optional.empty() : auth.sessions().lookup(token);
  }

  private static ObjectNode describe(Account account) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("account", account.name());
    node.put("role", account.role().id());
    return node;
  }
}
