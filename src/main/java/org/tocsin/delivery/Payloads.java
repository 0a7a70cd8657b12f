package org.tocsin.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.tocsin.alert.AlertEvent;
import org.tocsin.alert.AlertLevel;
import org.tocsin.alert.AlertStatus;
import org.tocsin.alert.AreaWarning;
import org.tocsin.alert.RelayReason;
import org.tocsin.area.Area;
import org.tocsin.area.AreaSet;
import org.tocsin.cap.CapAtomFeed;
import org.tocsin.cap.CapIssuer;
import org.tocsin.cap.CapMessages;

/**
 * The JSON every channel carries for one alert event and one subscriber: only the areas it follows.
 *
 * <pre>
 * {"threat":"T1","event":"T1-2","msgType":"Update","type":"update",
 *  "status":"Exercise","exercise":true,"test":false,"level":"shelter",
 *  "areas":[{"id":"UA1202001","nameUk":"…","nameEn":"…","level":"shelter",
 *            "earliestArrival":"2026-…Z"}],
 *  "headline":{"uk":"НАВЧАННЯ — …","en":"EXERCISE — …"},"instruction":{"uk":"…","en":"…"},
 *  "sent":"2026-…Z","identifier":"urn:tocsin:…","capUrl":"https://…/cap/urn:tocsin:….xml"}
 * </pre>
 *
 * {@code level} is the highest level among the subscriber's areas, {@code none} when none is warned
 * (a Cancel, an all-clear, a correction, or an Update that stands its areas down); {@code exercise}
 * and {@code test} mark a drill and a technical test in every payload, and their headlines start
 * with the mark in each language. {@code capUrl} is present for webhooks only.
 */
public final class Payloads {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final AreaSet areas;
  private final AlertStatus status;
  private final CapIssuer issuer;

  /**
   * @param areas the server's set, for the areas' names
   * @param status the server's status, carried by every message
   * @param issuer names the CAP messages
   */
  public Payloads(AreaSet areas, AlertStatus status, CapIssuer issuer) {
    this.areas = Objects.requireNonNull(areas, "areas");
    this.status = Objects.requireNonNull(status, "status");
    this.issuer = Objects.requireNonNull(issuer, "issuer");
  }

  /** The id of the server's area set, which a subscriber may follow whole. */
  public String areaSetId() {
    return areas.id();
  }

  /**
   * The payload of {@code event} for a subscriber of the warnings {@code concerned}.
   *
   * @param capBaseUrl the server's public address, for the CAP message's URL; empty for none
   */
  public String json(AlertEvent event, List<AreaWarning> concerned, Optional<String> capBaseUrl) {
    List<AreaWarning> sorted =
        concerned.stream().sorted(Comparator.comparing(AreaWarning::areaId)).toList();
    Optional<AlertLevel> level =
        event.type().endsWarnings()
            ? Optional.empty()
            : sorted.stream().map(AreaWarning::level).max(Comparator.naturalOrder());
    Optional<Instant> onset =
        sorted.stream()
            .filter(w -> level.isPresent() && w.level() == level.get())
            .map(AreaWarning::earliestArrival)
            .min(Comparator.naturalOrder());
    // An upstream authority's alert keeps its own status and names the authority; an advance
    // notice gives no time of arrival (its warnings carry a stand-in that nobody is shown).
    Optional<RelayReason> relayed = RelayReason.read(event.reason());
    // People's alerts and authorities' keep their own status: an exercise issued on a real
    // server must never reach a phone as a real alert.
    AlertStatus status = AlertStatus.statedIn(event.reason()).orElse(this.status);
    boolean countdown = relayed.map(RelayReason::countdown).orElse(true);
    if (!countdown) {
      onset = Optional.empty();
    }
    ObjectNode root =
        JSON.createObjectNode()
            .put("threat", event.threatId())
            .put("event", event.id())
            .put("msgType", event.type().capMsgType())
            .put("type", event.type().name().toLowerCase(Locale.ROOT).replace('_', '-'))
            .put("status", status.capName())
            .put("exercise", status == AlertStatus.EXERCISE)
            .put("test", status == AlertStatus.TEST)
            .put("level", level.map(AlertLevel::id).orElse("none"))
            .put("origin", relayed.isPresent() ? "upstream" : "tocsin");
    relayed.ifPresent(relay -> root.put("authority", relay.authority()));
    ArrayNode list = root.putArray("areas");
    for (AreaWarning warning : sorted) {
      Optional<Area> area = areas.byId(warning.areaId());
      list.addObject()
          .put("id", warning.areaId())
          .put("nameUk", area.map(Area::nameUk).orElse(warning.areaId()))
          .put("nameEn", area.map(Area::nameEn).orElse(warning.areaId()))
          .put("level", warning.level().id())
          .put("earliestArrival", countdown ? warning.earliestArrival().toString() : null);
    }
    CapMessages.Words uk =
        CapMessages.words(event.type(), level, status, onset, event.time(), CapMessages.UKRAINIAN);
    CapMessages.Words en =
        CapMessages.words(event.type(), level, status, onset, event.time(), CapMessages.ENGLISH);
    root.putObject("headline").put("uk", uk.headline()).put("en", en.headline());
    root.putObject("instruction").put("uk", uk.instruction()).put("en", en.instruction());
    String identifier = issuer.identifier(event.id());
    root.put("sent", event.time().toString()).put("identifier", identifier);
    capBaseUrl.ifPresent(
        base -> root.put("capUrl", new CapAtomFeed("feed", "feed", base).messageUrl(identifier)));
    return root.toString();
  }
}
