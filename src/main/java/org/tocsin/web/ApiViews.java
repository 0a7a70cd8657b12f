package org.tocsin.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.locationtech.jts.io.geojson.GeoJsonWriter;
import org.tocsin.alert.AlertEvent;
import org.tocsin.alert.AlertStatus;
import org.tocsin.alert.AreaWarning;
import org.tocsin.alert.ThreatPhase;
import org.tocsin.alert.UpstreamAlert;
import org.tocsin.area.Area;
import org.tocsin.area.AreaSet;
import org.tocsin.cap.CapAlert;
import org.tocsin.geo.Ellipsoid;
import org.tocsin.geo.GeoPoint;
import org.tocsin.node.LiveWarnings;
import org.tocsin.node.PublishedEvent;
import org.tocsin.track.TrackEstimate;
import org.tocsin.track.TrackedThreat;

/** The JSON the API serves: alerts in force, threats, events and area outlines. */
final class ApiViews {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final AreaSet areas;

  /** Whether a threat's warnings count down to an arrival: all but upstream advance notices. */
  private final Predicate<String> countdowns;

  ApiViews(AreaSet areas) {
    this(areas, threat -> true);
  }

  ApiViews(AreaSet areas, Predicate<String> countdowns) {
    this.areas = areas;
    this.countdowns = countdowns;
  }

  ObjectNode alerts(LiveWarnings live, CapPublisher cap) {
    Instant now = live.now();
    ObjectNode root = MAPPER.createObjectNode();
    root.put("serverTime", iso(now));
    root.put("status", live.status().capName());
    root.put("clockRate", live.clockRate());
    ArrayNode alerts = root.putArray("alerts");
    Map<String, List<AreaWarning>> inForce = live.inForce();
    for (Map.Entry<String, List<AreaWarning>> entry : inForce.entrySet()) {
      alerts.add(alert(live, cap, entry.getKey(), entry.getValue(), now));
    }
    root.set("areas", AreaSources.merged(live, inForce, areas));
    return root;
  }

  Optional<ObjectNode> alert(LiveWarnings live, CapPublisher cap, String threatId) {
    List<AreaWarning> warnings = live.inForce().get(threatId);
    if (warnings == null) {
      return Optional.empty();
    }
    ObjectNode node = alert(live, cap, threatId, warnings, live.now());
    node.put("serverTime", iso(live.now()));
    return Optional.of(node);
  }

  /**
   * One alert in force, with the Cancel, correction and all-clear ready for it: their headlines as
   * they would go out, what they reference, and a confirmation that states the status in words.
   */
  private ObjectNode alert(
      LiveWarnings live,
      CapPublisher cap,
      String threatId,
      List<AreaWarning> warnings,
      Instant now) {
    AlertStatus status = live.statusOf(threatId);
    ObjectNode node = MAPPER.createObjectNode();
    node.put("threat", threatId);
    node.put("status", status.capName());
    node.put("origin", live.originOf(threatId).id());
    live.upstreamAlert(threatId).ifPresent(upstream -> node.set("source", source(upstream)));
    boolean countdown = live.upstreamAlert(threatId).map(UpstreamAlert::hasCountdown).orElse(true);
    cap.latest(threatId)
        .ifPresentOrElse(
            message -> node.put("capIdentifier", message.identifier()),
            () -> node.putNull("capIdentifier"));
    node.set("areas", warnings(warnings, now, countdown));
    ArrayNode ready = node.putArray("ready");
    for (CapPublisher.Ready message : cap.ready(threatId)) {
      StandDownAction action = message.action();
      ObjectNode entry = ready.addObject();
      entry.put("action", action.id());
      entry.put("msgType", message.message().msgType().capName());
      entry.put("headlineUk", headline(message.message(), "uk-UA"));
      entry.put("headlineEn", headline(message.message(), "en-US"));
      entry.put("references", message.message().references().get(0).identifier());
      entry.put(
          "confirmation",
          "Send the "
              + action.words()
              + " of this "
              + status.word()
              + " alert ("
              + status.meaning()
              + ") to "
              + warnings.size()
              + (warnings.size() == 1 ? " area" : " areas")
              + ", on every channel the alert went out on");
    }
    return node;
  }

  /** Who an upstream alert comes from, and the authority's message it relays. */
  private static ObjectNode source(UpstreamAlert upstream) {
    ObjectNode source = MAPPER.createObjectNode();
    source.put("authority", upstream.authority());
    source.put("signedBy", upstream.signedBy().orElse(null));
    source.put("capSender", upstream.capSender());
    source.put("capIdentifier", upstream.capIdentifier());
    source.put("expires", iso(upstream.expires()));
    source.put("headlineUk", upstream.text().headlineUk());
    source.put("headlineEn", upstream.text().headlineEn());
    return source;
  }

  private static String headline(CapAlert message, String language) {
    return message.info(language).flatMap(info -> info.headline()).orElse("");
  }

  ObjectNode event(PublishedEvent published, Instant now) {
    AlertEvent event = published.event();
    ObjectNode node = MAPPER.createObjectNode();
    node.put("sequence", published.sequence());
    node.put("id", event.id());
    node.put("time", iso(event.time()));
    node.put("serverTime", iso(now));
    node.put("threat", event.threatId());
    node.put("status", published.status().capName());
    node.put("origin", published.origin().id());
    published.authority().ifPresent(authority -> node.put("authority", authority));
    node.put("type", event.type().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    node.put("msgType", event.type().capMsgType());
    node.put("reason", event.reason());
    event
        .references()
        .ifPresentOrElse(ref -> node.put("references", ref), () -> node.putNull("references"));
    // An upstream advance notice shows no countdown; its stand-in arrival is never served.
    boolean countdown =
        published.origin() != PublishedEvent.Origin.UPSTREAM
            || event.type().endsWarnings()
            || countdowns.test(event.threatId());
    node.set("areas", warnings(event.areas(), now, countdown));
    return node;
  }

  ObjectNode threats(LiveWarnings live) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("serverTime", iso(live.now()));
    ArrayNode list = root.putArray("threats");
    for (TrackedThreat threat : live.threats()) {
      ObjectNode node = list.addObject();
      node.put("id", threat.id());
      node.put("class", threat.threatClass().id());
      // corridor, tracked, past-impact, ended; "pending" until the threat is first warned for.
      node.put("phase", live.phase(threat.id()).map(ThreatPhase::id).orElse("pending"));
      threat
          .launch()
          .ifPresent(
              launch -> {
                ObjectNode l = node.putObject("launch");
                l.put("lat", launch.launchPoint().latitudeDeg());
                l.put("lon", launch.launchPoint().longitudeDeg());
                l.put("time", iso(launch.launchTime()));
                l.put("headingDeg", launch.headingDeg());
              });
      ArrayNode tracks = node.putArray("tracks");
      for (TrackEstimate track : threat.tracks()) {
        GeoPoint position = Ellipsoid.WGS84.toGeodetic(track.mean().positionEcefM());
        ObjectNode t = tracks.addObject();
        t.put("id", track.trackId());
        t.put("time", iso(track.time()));
        t.put("lat", position.latitudeDeg());
        t.put("lon", position.longitudeDeg());
        t.put("heightM", Math.round(position.heightM()));
        t.put("speedMps", Math.round(track.mean().speedMps()));
        t.put("updates", track.updates());
      }
    }
    return root;
  }

  /** The area set as GeoJSON: id, names and km² per feature. */
  String areaGeoJson() {
    GeoJsonWriter writer = new GeoJsonWriter(5);
    writer.setEncodeCRS(false);
    StringBuilder json = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
    boolean first = true;
    for (Area area : areas.areas()) {
      if (!first) {
        json.append(',');
      }
      first = false;
      ObjectNode properties = MAPPER.createObjectNode();
      properties.put("nameUk", area.nameUk());
      properties.put("nameEn", area.nameEn());
      properties.put("areaKm2", Math.round(area.areaKm2() * 10) / 10.0);
      json.append("{\"type\":\"Feature\",\"id\":")
          .append(MAPPER.valueToTree(area.id()).toString())
          .append(",\"properties\":")
          .append(properties)
          .append(",\"geometry\":")
          .append(writer.write(area.geometry()))
          .append('}');
    }
    return json.append("]}").toString();
  }

  /**
   * @param countdown whether the warnings have a time of arrival: not those of an upstream advance
   *     notice, whose earliestArrival and secondsToArrival are null
   */
  private ArrayNode warnings(List<AreaWarning> warnings, Instant now, boolean countdown) {
    ArrayNode list = MAPPER.createArrayNode();
    for (AreaWarning warning : warnings) {
      ObjectNode node = list.addObject();
      node.put("id", warning.areaId());
      areas
          .byId(warning.areaId())
          .ifPresent(
              area -> {
                node.put("nameUk", area.nameUk());
                node.put("nameEn", area.nameEn());
              });
      node.put("level", warning.level().id());
      node.put("probability", Math.round(warning.probability() * 1e4) / 1e4);
      if (countdown) {
        node.put("earliestArrival", iso(warning.earliestArrival()));
        node.put(
            "secondsToArrival",
            Math.max(0, Duration.between(now, warning.earliestArrival()).toMillis() / 1000.0));
      } else {
        node.putNull("earliestArrival");
        node.putNull("secondsToArrival");
      }
    }
    return list;
  }

  static String iso(Instant time) {
    return time.truncatedTo(ChronoUnit.MILLIS).toString();
  }
}
