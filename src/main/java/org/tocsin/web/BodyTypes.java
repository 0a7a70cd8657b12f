package org.tocsin.web;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.UnsupportedMediaTypeResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Refuses a request body of a media type its endpoint does not read: 415, naming the types it reads
 * in {@code Accept} (RFC 9110 §15.5.16), before the body is parsed. A body without a {@code
 * Content-Type} is read as the endpoint's type, as sensors and scripts that forget the header have
 * always been served.
 */
final class BodyTypes {

  private static final List<String> JSON = List.of("application/json");

  /** The endpoints that read something other than JSON. */
  private static final Map<String, List<String>> BY_PATH =
      Map.of("/api/v1/cap", List.of("application/cap+xml", "application/xml", "text/xml"));

  private BodyTypes() {}

  /** A before-handler for every path: checks the bodies of POST, PUT, PATCH and DELETE. */
  static void check(Context ctx) {
    HandlerType method = ctx.method();
    if (method != HandlerType.POST
        && method != HandlerType.PUT
        && method != HandlerType.PATCH
        && method != HandlerType.DELETE) {
      return;
    }
    String declared = ctx.header("Content-Type");
    if (declared == null || declared.isBlank()) {
      return;
    }
    String mediaType = declared.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    List<String> accepted = BY_PATH.getOrDefault(ctx.path(), JSON);
    if (!accepted.contains(mediaType)) {
      ctx.header("Accept", String.join(", ", accepted));
      throw new UnsupportedMediaTypeResponse(
          "Content-Type: must be "
              + String.join(" or ", accepted)
              + " on "
              + ctx.path()
              + ", was '"
              + declared
              + "'");
    }
  }
}
