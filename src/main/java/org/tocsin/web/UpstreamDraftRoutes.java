package org.tocsin.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.tocsin.alert.AlertStatus;
import org.tocsin.node.LiveWarnings;
import org.tocsin.node.PublishedEvent;
import org.tocsin.store.Account;
import org.tocsin.store.ActionRefusedException;
import org.tocsin.store.UpstreamDraft;
import org.tocsin.store.UpstreamRelays;

/**
 * The console's upstream drafts ({@code --upstream-relay approve}): the messages upstream
 * authorities posted, each shown with who posted it, the fingerprint of the key that signed it,
 * what it will relay and the areas that could not be mapped, waiting for an approver. The authority
 * is the first party, the approver the second: nothing is relayed until an approver approves,
 * stating the message's status. The rules on roles and on the status are the store's ({@link
 * UpstreamRelays}).
 */
final class UpstreamDraftRoutes {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final OperatorGuard guard;
  private final LiveWarnings live;
  private final UpstreamRelay relay;
  private final UpstreamRelays store;

  UpstreamDraftRoutes(
      OperatorGuard guard, LiveWarnings live, UpstreamRelay relay, UpstreamRelays store) {
    this.guard = guard;
    this.live = live;
    this.relay = relay;
    this.store = store;
  }

  /** {@code GET /api/v1/upstream/drafts}: the latest, newest first. */
  void list(Context ctx) {
    if (guard.reading(ctx).isEmpty()) {
      return;
    }
    ObjectNode root = MAPPER.createObjectNode();
    ArrayNode list = root.putArray("drafts");
    store.list().forEach(draft -> list.add(view(draft)));
    Responses.json(ctx, HttpStatus.OK, root);
  }

  /**
   * {@code POST /api/v1/upstream/drafts/{id}/approve}: approves and relays at once, under the live
   * warnings' lock, so that the approval's journal record and the alert's keep one order. A draft
   * that can no longer be relayed as it was (the alert it replaces has ended, the message has
   * expired) is refused before anything is stored.
   */
  void approve(Context ctx) {
    Optional<Account> account = guard.acting(ctx);
    if (account.isEmpty()) {
      return;
    }
    long id = draftId(ctx);
    AlertStatus confirmed = AlertStatus.parse("confirmStatus", field(ctx, "confirmStatus"));
    UpstreamDraft approved;
    Optional<PublishedEvent> event;
    synchronized (live) {
      UpstreamDraft draft = find(id);
      Optional<String> stale = relay.stale(draft.kind(), draft.threat(), draft.contentJson());
      if (stale.isPresent()) {
        throw new ActionRefusedException(
            ActionRefusedException.Reason.CONFLICT,
            "upstream draft " + id + " cannot be relayed now: " + stale.get());
      }
      approved = store.approve(id, account.get(), confirmed);
      event = relay.apply(approved.kind(), approved.threat(), approved.contentJson());
    }
    ObjectNode body = view(approved);
    body.put("event", event.map(e -> e.event().id()).orElse(null));
    Responses.json(ctx, HttpStatus.OK, body);
  }

  /** {@code POST /api/v1/upstream/drafts/{id}/reject}: never relayed. */
  void reject(Context ctx) {
    Optional<Account> account = guard.acting(ctx);
    if (account.isPresent()) {
      UpstreamDraft rejected = store.reject(draftId(ctx), account.get(), field(ctx, "reason"));
      Responses.json(ctx, HttpStatus.OK, view(rejected));
    }
  }

  private UpstreamDraft find(long id) {
    return store
        .find(id)
        .orElseThrow(() -> new NoSuchElementException("there is no upstream draft " + id));
  }

  private static ObjectNode view(UpstreamDraft draft) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("id", draft.id());
    node.put("upstreamMessage", draft.upstreamMessage());
    node.put("authority", draft.authority());
    node.put("signedBy", draft.signedBy().orElse(null));
    node.put("status", draft.status().capName());
    node.put("kind", draft.kind());
    node.put("threat", draft.threat());
    node.put("state", draft.state().id());
    node.put("createdAt", ApiViews.iso(draft.createdAt()));
    node.put("decidedBy", draft.decidedBy().orElse(null));
    node.put("decidedAt", draft.decidedAt().map(ApiViews::iso).orElse(null));
    node.put("note", draft.note().orElse(null));
    node.set("alert", parse(draft.contentJson()));
    draft.unmapped().forEach(node.putArray("unmapped")::add);
    return node;
  }

  private static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a stored upstream draft is not JSON", e);
    }
  }

  private static long draftId(Context ctx) {
    String id = ctx.pathParam("id");
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "id: must be an upstream draft number, was '" + id + "'", e);
    }
  }

  /** A string field of the JSON body; null when absent. */
  private static String field(Context ctx, String name) {
    JsonNode value = DraftRequests.object(ctx.body()).get(name);
    return value == null || !value.isTextual() ? null : value.asText();
  }
}
