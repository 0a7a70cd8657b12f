package org.tocsin.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import org.tocsin.alert.AlertStatus;
import org.tocsin.alert.ManualTemplate;
import org.tocsin.alert.MessageText;
import org.tocsin.area.Area;
import org.tocsin.area.AreaSet;
import org.tocsin.cap.CapAlert;
import org.tocsin.cap.CapMessages;
import org.tocsin.store.Draft;
import org.tocsin.store.DraftContent;
import org.tocsin.store.DraftState;

/** The JSON of the console's resources: templates, audiences and drafts. */
final class ConsoleViews {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final AreaSet areas;

  ConsoleViews(AreaSet areas) {
    this.areas = areas;
  }

  ObjectNode templates(List<ManualTemplate> templates) {
    ObjectNode root = MAPPER.createObjectNode();
    ArrayNode list = root.putArray("templates");
    for (ManualTemplate template : templates) {
      ObjectNode node = list.addObject();
      node.put("id", template.id());
      node.put("status", template.status().capName());
      node.put("level", template.level().id());
      node.put("title", template.title());
      node.set("text", text(template.text()));
    }
    return root;
  }

  /** Who a warning reaches: the areas, their km², and their people where the set counts them. */
  ObjectNode audience(List<Area> audience) {
    ObjectNode node = MAPPER.createObjectNode();
    ArrayNode list = node.putArray("areas");
    double km2 = 0;
    long population = 0;
    boolean populationKnown = !audience.isEmpty();
    for (Area area : audience) {
      ObjectNode a = list.addObject();
      a.put("id", area.id());
      a.put("nameUk", area.nameUk());
      a.put("nameEn", area.nameEn());
      a.put("areaKm2", round1(area.areaKm2()));
      if (area.population().isPresent()) {
        a.put("population", area.population().getAsLong());
        population += area.population().getAsLong();
      } else {
        a.putNull("population");
        populationKnown = false;
      }
      km2 += area.areaKm2();
    }
    node.put("areaCount", audience.size());
    node.put("areaKm2", round1(km2));
    if (populationKnown) {
      node.put("population", population);
    } else {
      node.putNull("population");
    }
    return node;
  }

  ObjectNode draft(Draft draft) {
    DraftContent content = DraftContent.fromJson(draft.contentJson());
    List<Area> audience =
        content.areaIds().stream().map(id -> areas.byId(id).orElseThrow()).toList();
    ObjectNode node = MAPPER.createObjectNode();
    node.put("id", draft.id());
    node.put("status", draft.status().capName());
    node.put("state", draft.state().id());
    node.put("level", content.level().id());
    node.put("minutesToArrival", content.minutesToArrival());
    node.put("template", content.template());
    node.set("text", text(content.text()));
    ObjectNode sent = node.putObject("sentHeadlines");
    CapAlert.Status capStatus = CapAlert.Status.of(draft.status());
    sent.put(
        "uk",
        CapMessages.markedHeadline(capStatus, CapMessages.UKRAINIAN, content.text().headlineUk()));
    sent.put(
        "en",
        CapMessages.markedHeadline(capStatus, CapMessages.ENGLISH, content.text().headlineEn()));
    ObjectNode audienceNode = audience(audience);
    node.set("audience", audienceNode);
    content.polygon().ifPresentOrElse(p -> node.set("polygon", p), () -> node.putNull("polygon"));
    node.put("confirmation", confirmation(draft.status(), content, audienceNode));
    node.put("createdBy", draft.createdBy());
    node.put("createdAt", ApiViews.iso(draft.createdAt()));
    node.put("decidedBy", draft.decidedBy().orElse(null));
    node.put("decidedAt", draft.decidedAt().map(ApiViews::iso).orElse(null));
    node.put("note", draft.note().orElse(null));
    node.put("threat", draft.state() == DraftState.APPROVED ? draft.threatId() : null);
    return node;
  }

  ObjectNode drafts(List<Draft> drafts) {
    ObjectNode root = MAPPER.createObjectNode();
    ArrayNode list = root.putArray("drafts");
    drafts.forEach(draft -> list.add(draft(draft)));
    return root;
  }

  /** What the approver confirms, the status first and in words. */
  private static String confirmation(
      AlertStatus status, DraftContent content, ObjectNode audience) {
    int count = audience.get("areaCount").asInt();
    return "Send this "
        + status.word()
        + " alert ("
        + status.meaning()
        + "): "
        + content.level().id().toUpperCase(Locale.ROOT)
        + ", to "
        + count
        + (count == 1 ? " area, " : " areas, ")
        + audience.get("areaKm2").asDouble()
        + " km²"
        + (audience.get("population").isNull()
            ? ""
            : ", " + audience.get("population").asLong() + " people")
        + ", arrival in "
        + content.minutesToArrival()
        + " min";
  }

  private static ObjectNode text(MessageText text) {
    ObjectNode node = MAPPER.createObjectNode();
    MessageText.FIELDS.forEach(field -> node.put(field, text.field(field)));
    return node;
  }

  private static double round1(double value) {
    return Math.round(value * 10) / 10.0;
  }
}
