package org.tocsin.web;

import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.LoggerFactory;
import org.tocsin.alert.AlertEvent;
import org.tocsin.alert.AlertLevel;
import org.tocsin.alert.AlertStatus;
import org.tocsin.alert.AreaWarning;
import org.tocsin.alert.ManualAlert;
import org.tocsin.alert.MessageText;
import org.tocsin.alert.MessageType;
import org.tocsin.alert.UpstreamAlert;
import org.tocsin.area.AreaSet;
import org.tocsin.cap.CapAlert;
import org.tocsin.cap.CapAtomFeed;
import org.tocsin.cap.CapIssuer;
import org.tocsin.cap.CapMessages;
import org.tocsin.cap.CapSigner;
import org.tocsin.cap.CapWriter;
import org.tocsin.node.LiveWarnings;
import org.tocsin.node.PublishedEvent;

/**
 * Turns every published alert event into its CAP 1.2 message, keeps the messages by identifier for
 * {@code /cap/{identifier}.xml}, and writes the ATOM feed that broadcasters and aggregators poll.
 *
 * <p>Each status has its own message builder, chosen by the status of the event's threat, so an
 * exercise's messages are built as exercises from the first to the last. The feed lists the latest
 * message of every threat in force and, for {@link CapMessages#VALIDITY} after it was sent, of
 * every threat stood down: a receiver that polls must see the Cancel or all-clear, not merely stop
 * seeing the alert (in Japan in 2023 a withdrawn warning reached one network and not the other).
 *
 * <p>Identifiers come from the {@link CapIssuer} of the server's options: with a journal, its
 * series is the journal's own (kept in its database), so the messages rebuilt here from the
 * replayed journal after a restart carry the identifiers they had, and a Cancel references the
 * original.
 */
final class CapPublisher {

  /**
   * The most messages kept for {@code /cap/{identifier}.xml} and for references: days of a large
   * attack. The oldest are forgotten first; the journal keeps every event.
   */
  static final int MAX_MESSAGES = 5_000;

  /** The most entries in the ATOM feed: the newest. A poller never downloads megabytes. */
  static final int MAX_FEED_ENTRIES = 100;

  private final LiveWarnings live;
  private final Map<AlertStatus, CapMessages> messagesByStatus = new EnumMap<>(AlertStatus.class);
  private final CapAtomFeed feed;
  private final Map<String, String> xmlByIdentifier = bounded();
  private final Map<String, CapAlert> byEventId = bounded();
  private final Map<String, AlertEvent> lastEventByThreat = new ConcurrentHashMap<>();

  /**
   * The ready messages of each threat, built once per message of the threat: every client of the
   * alerts API asks for them after every event.
   */
  private final Map<String, ReadySet> readyByThreat = new ConcurrentHashMap<>();

  private final Optional<CapSigner> signer;

  /** A ready message for an alert in force, as it would go out. */
  record Ready(StandDownAction action, CapAlert message) {}

  /** The ready messages built after the threat's event {@code afterEventId}. */
  private record ReadySet(String afterEventId, List<Ready> messages) {}

  CapPublisher(
      LiveWarnings live, AreaSet areas, CapIssuer issuer, String baseUrl, Optional<KeyPair> key) {
    this.live = live;
    this.signer = key.map(CapSigner::new);
    for (AlertStatus status : AlertStatus.values()) {
      messagesByStatus.put(status, new CapMessages(areas, issuer, CapAlert.Status.of(status)));
    }
    this.feed = new CapAtomFeed(issuer.identifier("feed"), "Tocsin alerts", baseUrl);
    // Events replayed from the journal before the server started get their messages too, so that
    // a correction after a restart references the message it corrects; one message that cannot be
    // built is logged and never stops the server from starting.
    live.subscribe(0, this::publish);
    warmUp(areas);
  }

  /**
   * Builds and signs one throwaway message on a thread of its own at start, so that the first real
   * alert does not wait on the writer's thread while XML signing's classes load and compile: with
   * 20,000 event-stream clients that first wait held the first broadcast's p99 at 5.8 s.
   */
  private void warmUp(AreaSet areas) {
    if (areas.areas().isEmpty()) {
      return;
    }
    Thread thread =
        new Thread(
            () -> {
              try {
                Instant now = live.now();
                AlertEvent event =
                    new AlertEvent(
                        "warm-up-1",
                        now,
                        "warm-up",
                        MessageType.ALERT,
                        List.of(
                            new AreaWarning(
                                areas.areas().get(0).id(),
                                AlertLevel.SHELTER,
                                1.0,
                                now.plusSeconds(600))),
                        "warm-up",
                        Optional.empty());
                CapAlert message =
                    messagesByStatus.get(AlertStatus.EXERCISE).message(event, Optional.empty());
                signer.map(s -> s.sign(message)).orElseGet(() -> CapWriter.toXml(message));
              } catch (RuntimeException e) { // NOPMD: a warm-up that fails costs time, nothing more
                LoggerFactory.getLogger(CapPublisher.class).debug("CAP warm-up failed", e);
              }
            },
            "cap-warm-up");
    thread.setDaemon(true);
    thread.setPriority(Thread.MIN_PRIORITY);
    thread.start();
  }

  /** A map that forgets its oldest entries beyond {@link #MAX_MESSAGES}; safe to share. */
  private static <V> Map<String, V> bounded() {
    return Collections.synchronizedMap(
        new LinkedHashMap<>() {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
            return size() > MAX_MESSAGES;
          }
        });
  }

  /** Forgets threats stood down longer ago than the feed lists them, with their ready messages. */
  private void forgetStoodDown(Instant now) {
    var inForce = live.inForce().keySet();
    lastEventByThreat
        .entrySet()
        .removeIf(
            entry -> {
              boolean old =
                  !inForce.contains(entry.getKey())
                      && !entry.getValue().time().plus(CapMessages.VALIDITY).isAfter(now)
                      && entry.getValue().type().endsWarnings();
              if (old) {
                readyByThreat.remove(entry.getKey());
              }
              return old;
            });
  }

  private void publish(PublishedEvent published) {
    AlertEvent event = published.event();
    forgetStoodDown(event.time());
    CapAlert message =
        messagesByStatus
            .get(published.status())
            .message(
                event,
                event.references().map(byEventId::get),
                ownText(event.threatId()),
                relayed(event.threatId()));
    byEventId.put(event.id(), message);
    lastEventByThreat.put(event.threatId(), event);
    xmlByIdentifier.put(
        message.identifier(),
        signer.map(s -> s.sign(message)).orElseGet(() -> CapWriter.toXml(message)));
  }

  private Optional<MessageText> ownText(String threatId) {
    return live.manualAlert(threatId)
        .map(ManualAlert::text)
        .or(() -> live.upstreamAlert(threatId).map(UpstreamAlert::text));
  }

  private Optional<CapMessages.Relayed> relayed(String threatId) {
    return live.upstreamAlert(threatId)
        .map(alert -> new CapMessages.Relayed(alert.authority(), alert.hasCountdown()));
  }

  /** The XML of the message with this identifier. */
  Optional<String> xml(String identifier) {
    return Optional.ofNullable(xmlByIdentifier.get(identifier));
  }

  /** The latest message of a threat. */
  Optional<CapAlert> latest(String threatId) {
    return Optional.ofNullable(lastEventByThreat.get(threatId)).map(e -> byEventId.get(e.id()));
  }

  /** The message of an event. */
  Optional<CapAlert> ofEvent(String eventId) {
    return Optional.ofNullable(byEventId.get(eventId));
  }

  /**
   * The Cancel, correction and all-clear ready for a threat in force, each as it would be built
   * (its sequence number and sending time aside), referencing the threat's latest message and
   * standing down the warnings that message put in force. The set is built once per message.
   */
  List<Ready> ready(String threatId) {
    AlertEvent last = lastEventByThreat.get(threatId);
    CapAlert previous = last == null ? null : byEventId.get(last.id());
    if (previous == null) {
      return List.of();
    }
    ReadySet cached = readyByThreat.get(threatId);
    if (cached != null && cached.afterEventId().equals(last.id())) {
      return cached.messages();
    }
    CapMessages messages = messagesByStatus.get(live.statusOf(threatId));
    List<Ready> ready = new ArrayList<>();
    for (StandDownAction action : StandDownAction.values()) {
      AlertEvent preview =
          new AlertEvent(
              threatId + "-ready",
              previous.sent().toInstant(),
              threatId,
              action.type(),
              action.type() == MessageType.CANCEL ? List.of() : last.areas(),
              "ready",
              Optional.of(last.id()));
      ready.add(
          new Ready(action, messages.message(preview, Optional.of(previous), Optional.empty())));
    }
    readyByThreat.put(threatId, new ReadySet(last.id(), List.copyOf(ready)));
    return ready;
  }

  /** The feed as last built, with the messages it lists. */
  private record BuiltFeed(List<String> identifiers, String xml) {}

  private BuiltFeed builtFeed = new BuiltFeed(List.of("none built"), "");

  /**
   * The ATOM feed: see the class description for which messages it lists. It is built again only
   * when that list changes, and dated then: a poller's copy stays current (the same bytes, so the
   * same ETag and a 304) until there is something new to read.
   */
  synchronized String feedXml() {
    Instant now = live.now();
    var inForce = live.inForce().keySet();
    List<CapAlert> listed =
        lastEventByThreat.values().stream()
            .filter(
                event ->
                    inForce.contains(event.threatId())
                        || event.time().plus(CapMessages.VALIDITY).isAfter(now))
            .map(event -> byEventId.get(event.id()))
            .filter(Objects::nonNull)
            .sorted(Comparator.comparing(CapAlert::sent).reversed())
            .limit(MAX_FEED_ENTRIES)
            .toList();
    List<String> identifiers = listed.stream().map(CapAlert::identifier).toList();
    if (!identifiers.equals(builtFeed.identifiers())) {
      builtFeed = new BuiltFeed(identifiers, feed.toXml(listed, now));
    }
    return builtFeed.xml();
  }
}
