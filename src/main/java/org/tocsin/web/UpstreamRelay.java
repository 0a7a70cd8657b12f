package org.tocsin.web;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.tocsin.alert.UpstreamAlert;
import org.tocsin.area.AreaSet;
import org.tocsin.cap.CapAlert;
import org.tocsin.cap.UpstreamAreas;
import org.tocsin.cap.UpstreamRequest;
import org.tocsin.node.Command;
import org.tocsin.node.LiveWarnings;
import org.tocsin.node.PublishedEvent;
import org.tocsin.store.UpstreamAlertJson;
import org.tocsin.store.UpstreamDraft;
import org.tocsin.store.UpstreamMessage;
import org.tocsin.store.UpstreamRelays;

/**
 * Relays upstream authorities' alerts on every channel: an accepted CAP message becomes an alert of
 * origin upstream in the live warnings, so it goes where every alert goes (the event stream, the
 * alerts API and the page, CAP and the feed, and the outbox that the delivery channels read), is
 * journalled before it goes out, and comes back after a restart as manual alerts do.
 *
 * <p>An Update or Cancel concerns the one alert its {@code references} name, and only when the same
 * authority relayed that alert with the same status: one authority never replaces or ends another's
 * alert, a test never ends a real one, and an upstream Cancel never touches the engine's own
 * warnings for the same areas. An Update whose original was never relayed here is relayed as an
 * alert of its own (it says all it means); a Cancel of nothing relayed is kept and does nothing.
 *
 * <p>In {@link UpstreamAuthorities.RelayMode#APPROVE} mode nothing goes out when the message comes:
 * it is kept as a draft, with the fingerprint of the key that signed it, until an approver approves
 * it ({@link UpstreamDraftRoutes}).
 */
final class UpstreamRelay {

  /** The threat ids of relayed alerts: {@code U<number of the message kept>}. */
  static final String THREAT_PREFIX = "U";

  private final LiveWarnings live;
  private final UpstreamAreas areas;
  private final UpstreamAuthorities.Relay relay;

  UpstreamRelay(LiveWarnings live, AreaSet areas, UpstreamAuthorities.Relay relay) {
    this.live = Objects.requireNonNull(live, "live");
    this.areas = new UpstreamAreas(areas);
    this.relay = Objects.requireNonNull(relay, "relay");
  }

  /**
   * What became of one message.
   *
   * @param outcome {@code relayed}, {@code drafted} or {@code not-relayed}
   * @param threat the threat it put in force, replaced or ended, if any
   * @param event the event published, when relayed
   * @param draft the draft's number, when drafted
   * @param reason why it was not relayed
   * @param areaIds the areas of the set it maps to
   * @param unmapped its CAP areas that map to none
   */
  record Outcome(
      String outcome,
      Optional<String> threat,
      Optional<String> event,
      Optional<Long> draft,
      Optional<String> reason,
      List<String> areaIds,
      List<String> unmapped) {}

  /**
   * Relays, drafts or refuses to relay a message just kept. Under the live warnings' lock, so that
   * the alert an Update or Cancel references cannot end or change between finding it and acting.
   */
  Outcome handle(UpstreamMessage kept, CapAlert alert) {
    synchronized (live) {
      return decide(kept, alert);
    }
  }

  private Outcome decide(UpstreamMessage kept, CapAlert alert) {
    UpstreamRequest request = UpstreamRequest.of(alert, areas, live.now());
    UpstreamAreas.Mapping mapping = request.mapping();
    if (request.kind() == UpstreamRequest.Kind.NONE) {
      return notRelayed(request.notRelayed().orElseThrow(), mapping);
    }
    Optional<UpstreamAlert> earlier = referenced(alert, kept.authority());
    if (earlier.isPresent() && earlier.get().status() != request.status()) {
      return notRelayed(
          "it references an alert of status "
              + earlier.get().status().capName()
              + " but is "
              + request.status().capName()
              + ": a message never replaces nor ends an alert of another status",
          mapping);
    }
    String kind;
    String threat;
    if (request.kind() == UpstreamRequest.Kind.CANCEL) {
      if (earlier.isEmpty()) {
        return notRelayed(
            "it cancels no alert in force that " + kept.authority() + " relayed here", mapping);
      }
      kind = "Cancel";
      threat = earlier.get().threatId();
    } else if (earlier.isPresent()) {
      kind = "Update";
      threat = earlier.get().threatId();
    } else {
      kind = "Alert";
      threat = THREAT_PREFIX + kept.id();
    }
    String content =
        kind.equals("Cancel")
            ? "{}"
            : UpstreamAlertJson.toJson(upstreamAlert(kept, alert, request, threat)).toString();
    UpstreamRelays.Relay planned =
        new UpstreamRelays.Relay(
            kept.id(), kept.authority(), request.status(), kind, threat, content);
    if (relay.mode() == UpstreamAuthorities.RelayMode.APPROVE) {
      UpstreamDraft draft = relay.store().draft(planned, kept.signedBy(), mapping.unmapped());
      return new Outcome(
          "drafted",
          Optional.of(threat),
          Optional.empty(),
          Optional.of(draft.id()),
          Optional.empty(),
          mapping.areaIds(),
          mapping.unmapped());
    }
    relay.store().journal(planned);
    Optional<PublishedEvent> event = apply(kind, threat, content);
    return new Outcome(
        "relayed",
        Optional.of(threat),
        event.map(e -> e.event().id()),
        Optional.empty(),
        Optional.empty(),
        mapping.areaIds(),
        mapping.unmapped());
  }

  /**
   * Puts a relay in force: the caller holds the live warnings' lock and journalled it first.
   *
   * @return the event, or empty for a Cancel of an alert no longer in force
   */
  Optional<PublishedEvent> apply(String kind, String threat, String contentJson) {
    Command command =
        kind.equals("Cancel")
            ? new Command.CancelUpstream(threat, live.now())
            : new Command.Relay(UpstreamAlertJson.fromJson(contentJson), live.now());
    return live.execute(command).stream().findFirst();
  }

  /**
   * Why a relay decided earlier cannot be made now (an approval that came late), if it cannot: the
   * alert it replaces or ends is no longer in force, or the alert has expired.
   */
  Optional<String> stale(String kind, String threat, String contentJson) {
    boolean inForce = live.inForce().containsKey(threat);
    if (!kind.equals("Alert") && !inForce) {
      return Optional.of("the alert of threat " + threat + " is no longer in force");
    }
    if (kind.equals("Alert") && live.upstreamAlert(threat).isPresent()) {
      return Optional.of("threat " + threat + " was relayed already");
    }
    if (!kind.equals("Cancel")
        && !UpstreamAlertJson.fromJson(contentJson).expires().isAfter(live.now())) {
      return Optional.of("the authority's message has expired");
    }
    return Optional.empty();
  }

  /** The alert in force, relayed from {@code authority}, that one of the references names. */
  private Optional<UpstreamAlert> referenced(CapAlert alert, String authority) {
    List<CapAlert.Reference> references = alert.references();
    for (int i = references.size() - 1; i >= 0; i--) { // the latest first
      CapAlert.Reference reference = references.get(i);
      Optional<UpstreamAlert> found =
          live.upstreamThreatOf(reference.sender(), reference.identifier())
              .filter(threat -> live.inForce().containsKey(threat))
              .flatMap(live::upstreamAlert)
              .filter(upstream -> upstream.authority().equals(authority));
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private static UpstreamAlert upstreamAlert(
      UpstreamMessage kept, CapAlert alert, UpstreamRequest request, String threat) {
    return new UpstreamAlert(
        threat,
        kept.authority(),
        kept.signedBy(),
        alert.sender(),
        alert.identifier(),
        request.status(),
        request.level(),
        request.mapping().areaIds(),
        request.arrival(),
        request.expires(),
        request.text().orElseThrow());
  }

  private static Outcome notRelayed(String reason, UpstreamAreas.Mapping mapping) {
    return new Outcome(
        "not-relayed",
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.of(reason),
        mapping.areaIds(),
        mapping.unmapped());
  }
}
