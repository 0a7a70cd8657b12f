package org.tocsin.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Optional;
import org.tocsin.area.AreaSet;
import org.tocsin.cap.UpstreamCapReader;
import org.tocsin.node.LiveWarnings;
import org.tocsin.store.UpstreamMessage;

/**
 * CAP messages from upstream authorities ({@code POST /api/v1/cap}) and their list ({@code GET
 * /api/v1/upstream}). Only an authority's own key posts: a sensor's key is refused (403), since a
 * sensor that could post CAP could speak for the authority. Messages are read with the hardened
 * reader and their signatures decided on the parsed document ({@link UpstreamCapReader}); those
 * accepted are kept in the database, bounded, with who posted and who signed each, and, when the
 * server relays upstream alerts, handed to the relay ({@link UpstreamRelay}): the answer and the
 * list say what became of each (relayed, drafted for approval or not relayed, and why) and which of
 * its areas could not be mapped to the server's area set.
 */
final class UpstreamRoutes {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final ServerOptions options;
  private final UpstreamCapReader reader;
  private final RateLimiter rateLimiter;
  private final Optional<UpstreamRelay> relay;

  UpstreamRoutes(ServerOptions options, LiveWarnings live, AreaSet areas) {
    this.options = options;
    this.reader = new UpstreamCapReader(options.trustedCapKeys());
    this.rateLimiter =
        new RateLimiter(options.wall(), options.requestsPerSecond(), options.burst());
    this.relay =
        options
            .upstream()
            .flatMap(UpstreamAuthorities::relay)
            .map(mode -> new UpstreamRelay(live, areas, mode));
  }

  /** The relay of upstream alerts, when the server relays them. */
  Optional<UpstreamRelay> relay() {
    return relay;
  }

  /** {@code POST /api/v1/cap}: a CAP message from an upstream authority, checked and kept. */
  void post(Context ctx) {
    Optional<String> authority = authorized(ctx);
    if (authority.isEmpty()) {
      return;
    }
    UpstreamAuthorities upstream = options.upstream().orElseThrow();
    int maxBytes = upstream.messages().maxDocumentBytes();
    if (ctx.contentLength() > maxBytes) {
      tooLarge(ctx, maxBytes, ctx.contentLength());
      return;
    }
    byte[] xml = ctx.bodyAsBytes();
    if (xml.length > maxBytes) {
      tooLarge(ctx, maxBytes, xml.length);
      return;
    }
    UpstreamCapReader.Checked checked = reader.read(xml);
    UpstreamMessage kept =
        upstream
            .messages()
            .add(
                authority.get(),
                checked.signer().map(PublicKeys::fingerprint),
                UpstreamMessage.Summary.of(checked.alert()),
                xml);
    ObjectNode body = MAPPER.createObjectNode();
    body.put("identifier", kept.alert().identifier());
    body.put("sender", kept.alert().sender());
    body.put("status", kept.alert().status());
    body.put("msgType", kept.alert().msgType());
    body.put("receivedFrom", kept.authority());
    body.put("signedBy", kept.signedBy().orElse(null));
    if (relay.isPresent()) {
      ObjectNode outcome = outcome(relay.get().handle(kept, checked.alert()));
      upstream.messages().recordRelay(kept.id(), outcome.toString());
      body.set("relay", outcome);
    }
    Responses.json(ctx, HttpStatus.ACCEPTED, body);
  }

  private static ObjectNode outcome(UpstreamRelay.Outcome outcome) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("outcome", outcome.outcome());
    node.put("threat", outcome.threat().orElse(null));
    node.put("event", outcome.event().orElse(null));
    if (outcome.draft().isPresent()) {
      node.put("draft", outcome.draft().get());
    } else {
      node.putNull("draft");
    }
    node.put("reason", outcome.reason().orElse(null));
    outcome.areaIds().forEach(node.putArray("areas")::add);
    outcome.unmapped().forEach(node.putArray("unmapped")::add);
    return node;
  }

  /** {@code GET /api/v1/upstream}: the upstream CAP messages kept, oldest first. */
  void list(Context ctx) {
    List<UpstreamMessage> messages =
        options.upstream().map(upstream -> upstream.messages().list()).orElse(List.of());
    ObjectNode root = MAPPER.createObjectNode();
    ArrayNode list = root.putArray("messages");
    for (UpstreamMessage message : messages) {
      ObjectNode node = list.addObject();
      node.put("identifier", message.alert().identifier());
      node.put("sender", message.alert().sender());
      node.put("sent", message.alert().sent());
      node.put("status", message.alert().status());
      node.put("msgType", message.alert().msgType());
      ArrayNode headlines = node.putArray("headlines");
      message.alert().headlines().forEach(headlines::add);
      node.put("receivedAt", ApiViews.iso(message.receivedAt()));
      node.put("receivedFrom", message.authority());
      node.put("signedBy", message.signedBy().orElse(null));
      if (message.relayJson().isPresent()) {
        try {
          node.set("relay", MAPPER.readTree(message.relayJson().get()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          throw new IllegalStateException("a kept relay outcome is not JSON", e);
        }
      } else {
        node.putNull("relay");
      }
    }
    Responses.json(ctx, root);
  }

  /**
   * The authority of the request's API key, within its rate; else answers 401, 403 (a sensor's key)
   * or 429 and empty.
   */
  private Optional<String> authorized(Context ctx) {
    String key = IngestRoutes.apiKey(ctx);
    Optional<String> authority =
        key == null
            ? Optional.empty()
            : options.upstream().flatMap(upstream -> upstream.keys().authorityFor(key));
    if (authority.isEmpty()) {
      if (key != null && options.sensors().sensorFor(key).isPresent()) {
        Problems.send(
            ctx,
            HttpStatus.FORBIDDEN,
            "a sensor's API key may not post CAP: upstream authorities have keys of their own"
                + " (tocsin upstream add NAME)");
        return Optional.empty();
      }
      ctx.header("WWW-Authenticate", "Bearer");
      Problems.send(
          ctx,
          HttpStatus.UNAUTHORIZED,
          "an upstream authority's API key is required: Authorization: Bearer KEY");
      return Optional.empty();
    }
    if (!rateLimiter.tryAcquire(authority.get())) {
      ctx.header("Retry-After", "1");
      Problems.send(
          ctx,
          HttpStatus.TOO_MANY_REQUESTS,
          "upstream authority '"
              + authority.get()
              + "' is over its rate of "
              + options.requestsPerSecond()
              + " requests a second");
      return Optional.empty();
    }
    return authority;
  }

  private static void tooLarge(Context ctx, int maxBytes, long bytes) {
    Problems.send(
        ctx,
        HttpStatus.CONTENT_TOO_LARGE,
        "body: an upstream CAP message must be at most " + maxBytes + " bytes, was " + bytes);
  }
}
