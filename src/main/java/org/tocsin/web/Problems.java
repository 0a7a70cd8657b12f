package org.tocsin.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tocsin.node.UnusableReportsException;
import org.tocsin.node.WriterUnavailableException;
import org.tocsin.store.ActionRefusedException;

/**
 * Errors as RFC 9457 problem documents, from one place. Every problem here has the type {@code
 * about:blank}, so its title is the status phrase (RFC 9457 §4.2.1) and what went wrong is in the
 * detail, naming the field, the rule and the value.
 */
final class Problems {

  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Problems() {}

  /** Answers {@code status} with a problem document. */
  static void send(Context ctx, HttpStatus status, String detail) {
    ctx.status(status);
    Responses.text(ctx, Responses.PROBLEM_JSON, node(ctx, status, detail).toString());
  }

  /** The problem document, for callers that add members (such as {@code errors}). */
  static ObjectNode node(Context ctx, HttpStatus status, String detail) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("type", "about:blank");
    node.put("title", status.getMessage());
    node.put("status", status.getCode());
    node.put("detail", detail);
    node.put("instance", ctx.path());
    return node;
  }

  /**
   * Maps exceptions to problems: bad input to 400, a missing thing to 404, a refused action to 403
   * or 409, and Javalin's own answers (no such path, a method the path does not take, a body over
   * the limit) to their status with a problem body; 405 names the methods the path takes in {@code
   * Allow}.
   */
  static void register(RoutesConfig routes) {
    routes.exception(
        ActionRefusedException.class,
        (e, ctx) ->
            send(
                ctx,
                e.reason() == ActionRefusedException.Reason.FORBIDDEN
                    ? HttpStatus.FORBIDDEN
                    : HttpStatus.CONFLICT,
                e.getMessage()));
    routes.exception(
        NoSuchElementException.class, (e, ctx) -> send(ctx, HttpStatus.NOT_FOUND, e.getMessage()));
    routes.exception(
        IllegalArgumentException.class,
        (e, ctx) -> send(ctx, HttpStatus.BAD_REQUEST, e.getMessage()));
    routes.exception(HttpResponseException.class, Problems::javalin);
    routes.exception(
        UnusableReportsException.class,
        (e, ctx) -> send(ctx, HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage()));
    routes.exception(
        WriterUnavailableException.class,
        (e, ctx) -> {
          ctx.header("Retry-After", "1");
          send(ctx, HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        });
    routes.exception(Exception.class, Problems::internal);
  }

  /**
   * Anything else is a fault of the server, not of the request: logged with a reference the answer
   * names, and answered 500 without the exception's text, which is for operators only.
   */
  private static void internal(Exception e, Context ctx) {
    String reference = UUID.randomUUID().toString();
    LOG.error("request={} {} reference={} outcome=failed", ctx.method(), ctx.path(), reference, e);
    send(
        ctx,
        HttpStatus.INTERNAL_SERVER_ERROR,
        "the server failed on this request; its operators find it in the log under reference "
            + reference);
  }

  private static void javalin(HttpResponseException e, Context ctx) {
    HttpStatus status = HttpStatus.forStatus(e.getStatus());
    String detail;
    if (status == HttpStatus.METHOD_NOT_ALLOWED) {
      String allowed = e.getDetails().getOrDefault("availableMethods", "");
      ctx.header("Allow", allowed.contains("GET") ? allowed + ", HEAD" : allowed);
      detail = ctx.method() + " is not allowed on " + ctx.path() + "; allowed: " + allowed;
    } else if (status == HttpStatus.NOT_FOUND) {
      detail = "no resource at " + ctx.path();
    } else if (status == HttpStatus.CONTENT_TOO_LARGE) {
      detail = "body: too large, was " + ctx.contentLength() + " bytes";
    } else {
      detail = e.getMessage();
    }
    send(ctx, status, detail);
  }
}
