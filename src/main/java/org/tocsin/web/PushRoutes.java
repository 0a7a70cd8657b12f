package org.tocsin.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.tocsin.area.Area;
import org.tocsin.area.AreaSet;
import org.tocsin.delivery.AreaIds;
import org.tocsin.delivery.PushSubscriptions;
import org.tocsin.geo.GeoPoint;

/**
 * Browsers' Web Push subscriptions: {@code POST /api/v1/push/subscriptions} makes one for areas of
 * the server's set, named or found at a point, and answers its id and a token once; {@code DELETE
 * /api/v1/push/subscriptions/{id}} with that token as a bearer removes it. A body is checked whole
 * before anything is stored; the store bounds subscriptions per client address and per endpoint.
 */
final class PushRoutes {

  /** Far above a subscription with a thousand area ids. */
  static final int MAX_BODY_BYTES = 64 * 1_024;

  private static final Set<String> FIELDS =
      Set.of("endpoint", "keys", "areas", "where", "expirationTime");
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private final PushSubscriptions subscriptions;
  private final AreaSet areas;
  private final ClientAddresses clients;

  PushRoutes(PushSubscriptions subscriptions, AreaSet areas, ClientAddresses clients) {
    this.subscriptions = subscriptions;
    this.areas = areas;
    this.clients = clients;
  }

  /** {@code POST /api/v1/push/subscriptions}. */
  void subscribe(Context ctx) {
    // Refused before it is read when it says it is too large; a chunked body is measured after.
    if (ctx.contentLength() > MAX_BODY_BYTES) {
      tooLarge(ctx, ctx.contentLength());
      return;
    }
    byte[] body = ctx.bodyAsBytes();
    if (body.length > MAX_BODY_BYTES) {
      tooLarge(ctx, body.length);
      return;
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      Problems.send(ctx, HttpStatus.BAD_REQUEST, "body must be JSON: " + e.getOriginalMessage());
      return;
    } catch (java.io.IOException e) {
      Problems.send(ctx, HttpStatus.BAD_REQUEST, "body cannot be read: " + e.getMessage());
      return;
    }
    List<String> followed;
    try {
      followed = checkedAreas(root);
    } catch (IllegalArgumentException e) {
      Problems.send(ctx, HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
      return;
    }
    JsonNode keys = root.path("keys");
    PushSubscriptions.Added added;
    try {
      added =
          subscriptions.add(
              text(root, "endpoint"),
              text(keys, "keys.p256dh"),
              text(keys, "keys.auth"),
              followed,
              clients.of(ctx));
    } catch (IllegalArgumentException e) {
      Problems.send(ctx, HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
      return;
    }
    ObjectNode created = MAPPER.createObjectNode();
    created.put("id", added.subscription().id());
    created.put("token", added.token());
    created.putPOJO("areas", followed);
    ctx.header("Location", "/api/v1/push/subscriptions/" + added.subscription().id());
    ctx.header("Cache-Control", "no-store");
    Responses.json(ctx, HttpStatus.CREATED, created);
  }

  /** {@code DELETE /api/v1/push/subscriptions/{id}}: 204, or 404 for an unknown id or token. */
  void unsubscribe(Context ctx) {
    String header = Optional.ofNullable(ctx.header("Authorization")).orElse("");
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      ctx.header("WWW-Authenticate", "Bearer");
      Problems.send(
          ctx,
          HttpStatus.UNAUTHORIZED,
          "Authorization must be 'Bearer <token>', the token given when the subscription was made");
      return;
    }
    if (subscriptions.remove(ctx.pathParam("id"), header.substring(7).trim())) {
      ctx.status(HttpStatus.NO_CONTENT);
    } else {
      // The same answer for an unknown id and a wrong token: ids are not to be probed.
      Problems.send(ctx, HttpStatus.NOT_FOUND, "no subscription with that id and token");
    }
  }

  /** The areas a body asks for: ids of the server's set, or the one holding a point. */
  private List<String> checkedAreas(JsonNode root) {
    if (!root.isObject()) {
      throw new IllegalArgumentException("body must be a JSON object");
    }
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw new IllegalArgumentException(
            "'" + name + "' is not a field of a subscription (endpoint, keys, areas or where)");
      }
    }
    JsonNode keys = root.get("keys");
    if (keys == null || !keys.isObject()) {
      throw new IllegalArgumentException("keys must be an object with p256dh and auth");
    }
    boolean named = root.has("areas");
    if (named == root.has("where")) {
      throw new IllegalArgumentException("give exactly one of areas (ids) and where (a point)");
    }
    return named ? named(root.get("areas")) : List.of(at(root.get("where")).id());
  }

  private List<String> named(JsonNode node) {
    if (!node.isArray() || node.isEmpty()) {
      throw new IllegalArgumentException("areas must be a non-empty array of area ids");
    }
    if (node.size() > AreaIds.MAX_AREAS) {
      throw new IllegalArgumentException(
          "areas must name at most " + AreaIds.MAX_AREAS + " areas, named " + node.size());
    }
    // In the order given, each once: a set, as a list's contains made this quadratic.
    java.util.Set<String> ids = new java.util.LinkedHashSet<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode id = node.get(i);
      if (!id.isTextual() || areas.byId(id.asText()).isEmpty()) {
        throw new IllegalArgumentException(
            "areas["
                + i
                + "] must be the id of an area of "
                + areas.id()
                + ", was "
                + clip(id.toString()));
      }
      ids.add(id.asText());
    }
    return List.copyOf(ids);
  }

  private static void tooLarge(Context ctx, long bytes) {
    Problems.send(
        ctx,
        HttpStatus.CONTENT_TOO_LARGE,
        "a subscription must be at most " + MAX_BODY_BYTES + " bytes, was " + bytes);
  }

  private Area at(JsonNode where) {
    if (where == null || !where.isObject()) {
      throw new IllegalArgumentException("where must be an object with lat and lon");
    }
    double lat = degrees(where, "lat", 90);
    double lon = degrees(where, "lon", 180);
    return areas
        .containing(GeoPoint.of(lat, lon))
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "where: no area of " + areas.id() + " holds " + lat + ", " + lon));
  }

  private static double degrees(JsonNode where, String name, double bound) {
    JsonNode node = where.get(name);
    if (node == null || !node.isNumber() || Math.abs(node.asDouble()) > bound) {
      throw new IllegalArgumentException(
          "where."
              + name
              + " must be a number of degrees within [-"
              + (int) bound
              + ", "
              + (int) bound
              + "], was "
              + (node == null ? "missing" : clip(node.toString())));
    }
    return node.asDouble();
  }

  private static String text(JsonNode parent, String field) {
    JsonNode node = parent.get(field.substring(field.indexOf('.') + 1));
    if (node == null || !node.isTextual()) {
      throw new IllegalArgumentException(field + " must be a string");
    }
    return node.asText();
  }

  private static String clip(String text) {
    return text.length() <= 80 ? text : text.substring(0, 80) + "…";
  }
}
