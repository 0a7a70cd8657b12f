package org.tocsin.cap;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The Atom 1.0 feed (RFC 4287) of the CAP messages in force, for broadcasters and aggregators that
 * poll, as alert hubs publish them: one entry per message, its id the CAP identifier, its title the
 * English headline, a link to {@code <base>/cap/<identifier>.xml}, and the CAP message itself as
 * the entry's XML content.
 *
 * @param id the feed's permanent id, an IRI such as {@code urn:tocsin:tocsin@localhost:feed}
 * @param title the feed's title
 * @param baseUrl where the server is reached, without a trailing slash, e.g. {@code
 *     https://alerts.example.org}
 */
public record CapAtomFeed(String id, String title, String baseUrl) {

  static final String ATOM_NS = "http://www.w3.org/2005/Atom";
  static final String CAP_MEDIA_TYPE = "application/cap+xml";

  public CapAtomFeed {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(baseUrl, "baseUrl");
    while (baseUrl.endsWith("/")) {
      baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
    }
  }

  /** Where a message is served: {@code <base>/cap/<identifier, percent-encoded>.xml}. */
  public String messageUrl(String identifier) {
    return baseUrl + "/cap/" + encode(identifier) + ".xml";
  }

  /**
   * The feed as UTF-8 XML text.
   *
   * @param messages the messages in force, in the order to list them
   * @param updated when the feed last changed
   * @throws IllegalArgumentException when a message is not valid CAP 1.2
   */
  public String toXml(List<CapAlert> messages, Instant updated) {
    Document document = CapXml.documentBuilder().newDocument();
    Element feed = document.createElementNS(ATOM_NS, "feed");
    document.appendChild(feed);
    text(feed, "id", id);
    text(feed, "title", title);
    text(feed, "updated", CapXml.formatRfc3339(updated));
    link(feed, "self", "application/atom+xml", baseUrl + "/feed.atom");
    Element author = add(feed, "author");
    text(author, "name", "Tocsin");
    for (CapAlert message : messages) {
      CapWriter.toXml(message); // only for its validation: the feed carries no invalid message
      Element entry = add(feed, "entry");
      text(entry, "id", message.identifier());
      text(entry, "title", title(message));
      text(entry, "updated", CapXml.formatRfc3339(message.sent()));
      link(entry, "alternate", CAP_MEDIA_TYPE, messageUrl(message.identifier()));
      Element content = add(entry, "content");
      content.setAttribute("type", CAP_MEDIA_TYPE);
      content.appendChild(
          document.importNode(CapWriter.toDocument(message).getDocumentElement(), true));
    }
    return CapXml.serialize(document, CapXml.Indent.YES);
  }

  /** The English headline, else the first headline, else the event. */
  static String title(CapAlert message) {
    return message
        .info(CapTexts.ENGLISH)
        .or(() -> message.infos().stream().findFirst())
        .map(info -> info.headline().orElse(info.event()))
        .orElse(message.identifier());
  }

  private static Element add(Element parent, String name) {
    Element child = parent.getOwnerDocument().createElementNS(ATOM_NS, name);
    parent.appendChild(child);
    return child;
  }

  private static void text(Element parent, String name, String text) {
    add(parent, name).setTextContent(text);
  }

  private static void link(Element parent, String rel, String type, String href) {
    Element link = add(parent, "link");
    link.setAttribute("rel", rel);
    link.setAttribute("type", type);
    link.setAttribute("href", href);
  }

  /** Percent-encodes all but RFC 3986's unreserved characters and {@code :} and {@code @}. */
  static String encode(String segment) {
    StringBuilder out = new StringBuilder();
    for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || "-._~:@".indexOf(c) >= 0) {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }
}
