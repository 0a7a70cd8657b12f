package org.tocsin.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.tocsin.alert.AlertStatus;
import org.tocsin.alert.ManualTemplates;
import org.tocsin.area.AreaSet;
import org.tocsin.node.Command;
import org.tocsin.node.LiveWarnings;
import org.tocsin.node.PublishedEvent;
import org.tocsin.store.Account;
import org.tocsin.store.ActionRefusedException;
import org.tocsin.store.Draft;
import org.tocsin.store.DraftContent;

/**
 * The operator console's API: templates, audiences, drafts with two-person approval, and the ready
 * Cancel, correction and all-clear of every alert in force. Reads need a session; every change also
 * needs the CSRF token (see {@link OperatorGuard}); the rules on roles, on approving one's own
 * draft and on confirming the status are the store's ({@link org.tocsin.store.Drafts}), so that no
 * route can forget one.
 */
final class ConsoleRoutes {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final OperatorAuth auth;
  private final OperatorGuard guard;
  private final LiveWarnings live;
  private final CapPublisher cap;
  private final AreaSet areas;
  private final ConsoleViews views;

  ConsoleRoutes(
      OperatorAuth auth, OperatorGuard guard, LiveWarnings live, CapPublisher cap, AreaSet areas) {
    this.auth = auth;
    this.guard = guard;
    this.live = live;
    this.cap = cap;
    this.areas = areas;
    this.views = new ConsoleViews(areas);
  }

  void templates(Context ctx) {
    if (guard.reading(ctx).isEmpty()) {
      return;
    }
    String status = ctx.queryParam("status");
    json(
        ctx,
        HttpStatus.OK,
        views.templates(
            (status == null
                    ? ManualTemplates.all()
                    : ManualTemplates.forStatus(AlertStatus.parse("status", status)))
                .stream()
                    .filter(template -> auth.statuses().contains(template.status()))
                    .toList()));
  }

  void audience(Context ctx) {
    if (guard.acting(ctx).isPresent()) {
      json(ctx, HttpStatus.OK, views.audience(DraftRequests.audience(ctx.body(), areas)));
    }
  }

  void createDraft(Context ctx) {
    Optional<Account> account = guard.acting(ctx);
    if (account.isEmpty()) {
      return;
    }
    DraftRequests.Draft request = DraftRequests.draft(ctx.body(), areas);
    if (!auth.statuses().contains(request.status())) {
      throw new ActionRefusedException(
          ActionRefusedException.Reason.FORBIDDEN,
          "status: this server takes only "
              + String.join(
                  " and ", auth.statuses().stream().sorted().map(AlertStatus::capName).toList())
              + " drafts, was "
              + request.status().capName());
    }
    Draft draft = auth.drafts().create(account.get(), request.status(), request.content().toJson());
    json(ctx, HttpStatus.CREATED, views.draft(draft));
  }

  void drafts(Context ctx) {
    if (guard.reading(ctx).isPresent()) {
      json(ctx, HttpStatus.OK, views.drafts(auth.drafts().list()));
    }
  }

  void draft(Context ctx) {
    if (guard.reading(ctx).isPresent()) {
      json(ctx, HttpStatus.OK, views.draft(findDraft(ctx)));
    }
  }

  /**
   * Approves a draft and puts its alert in force at once, under the live warnings' lock so that the
   * approval, the alert's journal record and its publication keep one order.
   */
  void approve(Context ctx) {
    Optional<Account> account = guard.acting(ctx);
    if (account.isEmpty()) {
      return;
    }
    long id = draftId(ctx);
    AlertStatus confirmed = AlertStatus.parse("confirmStatus", field(ctx, "confirmStatus"));
    Draft approved;
    synchronized (live) {
      approved = auth.drafts().approve(id, account.get(), confirmed);
      DraftContent content = DraftContent.fromJson(approved.contentJson());
      live.execute(
          new Command.Issue(content.alert(approved.threatId(), approved.status()), live.now()));
    }
    json(ctx, HttpStatus.OK, views.draft(approved));
  }

  void reject(Context ctx) {
    Optional<Account> account = guard.acting(ctx);
    if (account.isPresent()) {
      Draft rejected = auth.drafts().reject(draftId(ctx), account.get(), field(ctx, "reason"));
      json(ctx, HttpStatus.OK, views.draft(rejected));
    }
  }

  /**
   * Sends a ready Cancel, correction or all-clear of an alert in force. The confirmation must state
   * the alert's status; the message takes the alert's status, whatever the request says.
   */
  void standDown(Context ctx) {
    Optional<Account> account = guard.acting(ctx);
    if (account.isEmpty()) {
      return;
    }
    String threat = ctx.pathParam("threat");
    StandDownAction action = StandDownAction.parse(ctx.pathParam("action"));
    AlertStatus confirmed = AlertStatus.parse("confirmStatus", field(ctx, "confirmStatus"));
    List<PublishedEvent> sent;
    synchronized (live) {
      if (!live.inForce().containsKey(threat)) {
        Problems.send(ctx, HttpStatus.NOT_FOUND, "no alert in force for threat '" + threat + "'");
        return;
      }
      auth.alertActions()
          .standDown(account.get(), threat, action.type(), live.statusOf(threat), confirmed);
      sent = live.execute(new Command.StandDown(threat, action.type(), live.now()));
    }
    PublishedEvent event = sent.stream().findFirst().orElseThrow();
    ObjectNode body = MAPPER.createObjectNode();
    body.put("event", event.event().id());
    body.put("type", action.id());
    body.put("status", event.status().capName());
    cap.ofEvent(event.event().id())
        .ifPresent(
            message -> {
              body.put("capIdentifier", message.identifier());
              body.put(
                  "references",
                  message.references().isEmpty() ? null : message.references().get(0).identifier());
            });
    json(ctx, HttpStatus.OK, body);
  }

  private Draft findDraft(Context ctx) {
    long id = draftId(ctx);
    return auth.drafts()
        .find(id)
        .orElseThrow(() -> new NoSuchElementException("there is no draft " + id));
  }

  private static long draftId(Context ctx) {
    String id = ctx.pathParam("id");
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("id: must be a draft number, was '" + id + "'", e);
    }
  }

  /** A string field of the JSON body; null when absent. */
  private static String field(Context ctx, String name) {
    JsonNode value = DraftRequests.object(ctx.body()).get(name);
    return value == null || !value.isTextual() ? null : value.asText();
  }

  private static void json(Context ctx, HttpStatus status, ObjectNode node) {
    Responses.json(ctx, status, node);
  }
}
