package org.tocsin.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;

/**
 * How the server writes text: every text response says {@code charset=utf-8} and is encoded so.
 * Jetty encodes a body in ISO-8859-1 when its media type names no charset and is not one it knows
 * to be UTF-8 (GeoJSON, problem documents), which turned every Ukrainian name into question marks;
 * writing the bytes here leaves nothing to guess.
 */
final class Responses {

  static final String JSON = "application/json";
  static final String PROBLEM_JSON = "application/problem+json";
  static final String GEO_JSON = "application/geo+json";

  private Responses() {}

  /** Writes {@code body} as {@code mediaType} in UTF-8, declaring it. */
  static void text(Context ctx, String mediaType, String body) {
    ctx.contentType(mediaType + "; charset=utf-8").result(body.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes a JSON document with status 200. */
  static void json(Context ctx, JsonNode node) {
    text(ctx, JSON, node.toString());
  }

  /** Writes a JSON document with {@code status}. */
  static void json(Context ctx, HttpStatus status, JsonNode node) {
    ctx.status(status);
    text(ctx, JSON, node.toString());
  }
}
