package org.tocsin.web;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.tocsin.area.AreaSet;
import org.tocsin.cap.CapAlert;
import org.tocsin.cap.CapAtomFeed;
import org.tocsin.cap.CapMessages;
import org.tocsin.cap.CapSigner;
import org.tocsin.cap.CapWriter;

/**
 * Turns every published alert event into its CAP 1.2 message, keeps the messages by identifier for
 * {@code /cap/{identifier}.xml}, and writes the ATOM feed of the messages in force that
 * broadcasters and aggregators poll.
 */
final class CapPublisher {

  private final LiveWarnings live;
  private final CapMessages messages;
  private final CapAtomFeed feed;
  private final Map<String, String> xmlByIdentifier = new ConcurrentHashMap<>();
  private final Map<String, CapAlert> byEventId = new ConcurrentHashMap<>();
  private final Map<String, CapAlert> latestByThreat = new ConcurrentHashMap<>();

  private final Optional<CapSigner> signer;

  CapPublisher(
      LiveWarnings live,
      AreaSet areas,
      String sender,
      String baseUrl,
      Optional<java.security.KeyPair> signingKey) {
    this.live = live;
    this.signer = signingKey.map(CapSigner::new);
    this.messages = new CapMessages(areas, sender, live.status());
    this.feed = new CapAtomFeed("urn:tocsin:" + sender + ":feed", "Tocsin alerts", baseUrl);
    live.subscribe(this::publish);
  }

  private void publish(PublishedEvent published) {
    var event = published.event();
    CapAlert message = messages.message(event, event.references().map(byEventId::get));
    byEventId.put(event.id(), message);
    latestByThreat.put(event.threatId(), message);
    xmlByIdentifier.put(
        message.identifier(),
        signer.map(s -> s.sign(message)).orElseGet(() -> CapWriter.toXml(message)));
  }

  /** The XML of the message with this identifier. */
  Optional<String> xml(String identifier) {
    return Optional.ofNullable(xmlByIdentifier.get(identifier));
  }

  /** The ATOM feed of the latest message of every threat with warnings in force. */
  String feedXml() {
    List<CapAlert> inForce =
        live.inForce().keySet().stream()
            .map(latestByThreat::get)
            .filter(java.util.Objects::nonNull)
            .toList();
    return feed.toXml(inForce, live.now());
  }
}
