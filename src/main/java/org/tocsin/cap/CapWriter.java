package org.tocsin.cap;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Writes CAP 1.2 XML, in the namespace {@code urn:oasis:names:tc:emergency:cap:1.2}, and always
 * checks what it wrote against the OASIS schema: no message leaves Tocsin invalid.
 */
public final class CapWriter {

  private CapWriter() {}

  /**
   * The message as UTF-8 XML text, validated. It is not indented, as a signed message is not
   * either: indentation alone made a third of a message that names hundreds of areas.
   *
   * @throws IllegalArgumentException when the message does not validate against CAP-v1.2.xsd (a
   *     value the schema forbids, a text with characters XML cannot carry), naming the element
   */
  public static String toXml(CapAlert alert) {
    String xml = CapXml.serialize(toDocument(alert), CapXml.Indent.NO);
    validate(alert.identifier(), xml);
    return xml;
  }

  /** The message as a DOM document, for signing or embedding; not yet validated. */
  static Document toDocument(CapAlert alert) {
    Document document = CapXml.documentBuilder().newDocument();
    Builder b = new Builder(document);
    Element root = document.createElementNS(CapVersion.V1_2.namespace(), "alert");
    document.appendChild(root);
    b.add(root, "identifier", alert.identifier());
    b.add(root, "sender", alert.sender());
    b.add(root, "sent", alert.sent());
    b.add(root, "status", alert.status().capName());
    b.add(root, "msgType", alert.msgType().capName());
    b.add(root, "scope", alert.scope().capName());
    if (!alert.references().isEmpty()) {
      b.add(
          root,
          "references",
          alert.references().stream()
              .map(r -> r.sender() + "," + r.identifier() + "," + CapXml.format(r.sent()))
              .collect(Collectors.joining(" ")));
    }
    for (CapInfo info : alert.infos()) {
      Element element = b.add(root, "info");
      writeInfo(b, element, info);
    }
    return document;
  }

  static void validate(String identifier, String xml) {
    try {
      SchemaCheck.validate(xml.getBytes(StandardCharsets.UTF_8), CapVersion.V1_2);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "CAP message " + identifier + " is invalid: " + e.getMessage(), e);
    }
  }

  private static void writeInfo(Builder b, Element element, CapInfo info) {
    b.add(element, "language", info.language());
    info.categories().forEach(category -> b.add(element, "category", category.capName()));
    b.add(element, "event", info.event());
    info.responseTypes().forEach(type -> b.add(element, "responseType", type.capName()));
    b.add(element, "urgency", info.urgency().capName());
    b.add(element, "severity", info.severity().capName());
    b.add(element, "certainty", info.certainty().capName());
    info.onset().ifPresent(time -> b.add(element, "onset", time));
    info.expires().ifPresent(time -> b.add(element, "expires", time));
    b.add(element, "senderName", info.senderName());
    b.add(element, "headline", info.headline());
    b.add(element, "description", info.description());
    b.add(element, "instruction", info.instruction());
    b.pairs(element, "parameter", info.parameters());
    for (CapArea area : info.areas()) {
      Element areaElement = b.add(element, "area");
      b.add(areaElement, "areaDesc", area.areaDesc());
      area.polygons().forEach(polygon -> b.add(areaElement, "polygon", polygon.toCap()));
      area.circles().forEach(circle -> b.add(areaElement, "circle", circle.toCap()));
      b.pairs(areaElement, "geocode", area.geocodes());
    }
  }

  /** Appends CAP elements. */
  private record Builder(Document document) {

    Element add(Element parent, String name) {
      Element child = document.createElementNS(CapVersion.V1_2.namespace(), name);
      parent.appendChild(child);
      return child;
    }

    Element add(Element parent, String name, String text) {
      Element child = add(parent, name);
      child.setTextContent(text);
      return child;
    }

    void add(Element parent, String name, OffsetDateTime time) {
      add(parent, name, CapXml.format(time));
    }

    void add(Element parent, String name, Optional<String> text) {
      text.ifPresent(value -> add(parent, name, value));
    }

    void pairs(Element parent, String name, List<NamedValue> values) {
      for (NamedValue value : values) {
        Element pair = add(parent, name);
        add(pair, "valueName", value.valueName());
        add(pair, "value", value.value());
      }
    }
  }
}
