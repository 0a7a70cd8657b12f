package org.tocsin.cap;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads CAP 1.1 and 1.2 messages from outside: detects the version by the root element's namespace,
 * validates against that version's OASIS schema, and returns the {@link CapAlert}.
 *
 * <p>Outside input is untrusted: documents over {@link #MAX_BYTES} are refused unread, a DOCTYPE is
 * refused (so no entity expansion and no external entities), nothing outside is fetched, XInclude
 * is off. Every refusal is an {@link IllegalArgumentException} whose message gives the line, the
 * element and the rule, e.g. {@code line 9: element 'info': not allowed here; expected one of
 * source, scope}.
 */
public final class CapReader {

  /** The largest document read: 1 MiB. */
  public static final int MAX_BYTES = 1 << 20;

  private CapReader() {}

  /**
   * Reads and validates a message.
   *
   * @throws IllegalArgumentException when the document is too large, not well-formed XML, not CAP
   *     1.1 or 1.2, or invalid against its schema
   */
  public static CapAlert read(byte[] xml) {
    Parsed parsed = parse(xml);
    return toAlert(parsed.document().getDocumentElement(), parsed.version().namespace());
  }

  /** Reads and validates a message from a stream, reading at most {@link #MAX_BYTES} + 1 bytes. */
  public static CapAlert read(InputStream in) throws IOException {
    return read(limited(in));
  }

  /**
   * Checks a message without building the record.
   *
   * @return the version it is valid against
   * @throws IllegalArgumentException as {@link #read(byte[])}
   */
  public static CapVersion validate(byte[] xml) {
    return parse(xml).version();
  }

  /** Checks a message from a stream, reading at most {@link #MAX_BYTES} + 1 bytes. */
  public static CapVersion validate(InputStream in) throws IOException {
    return validate(limited(in));
  }

  /** Reads a whole stream, refusing one longer than {@link #MAX_BYTES}. */
  static byte[] limited(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_BYTES + 1);
    requireSize(bytes);
    return bytes;
  }

  /** The validated DOM of a message and its version. */
  record Parsed(CapVersion version, Document document) {}

  static Parsed parse(byte[] xml) {
    requireSize(xml);
    Document document;
    try {
      document = CapXml.documentBuilder().parse(new ByteArrayInputStream(xml));
    } catch (SAXParseException e) {
      String rule = e.getMessage() == null ? "not well-formed XML" : e.getMessage();
      if (rule.contains("DOCTYPE")) {
        rule = "a DOCTYPE is not allowed (no DTDs or entities in CAP)";
      }
      throw new IllegalArgumentException("line " + e.getLineNumber() + ": " + rule, e);
    } catch (SAXException e) {
      throw new IllegalArgumentException("not well-formed XML: " + e.getMessage(), e);
    } catch (IOException e) {
      // Bytes already in memory fail to read only when they are not XML this parser can decode,
      // such as a declaration naming an unknown encoding (found by OutsideInputFuzzTest).
      throw new IllegalArgumentException(
          "not readable as XML: unsupported or broken encoding (" + e.getMessage() + ")", e);
    }
    Element root = document.getDocumentElement();
    String namespace = root.getNamespaceURI();
    CapVersion version = null;
    for (CapVersion candidate : CapVersion.values()) {
      if (candidate.namespace().equals(namespace)) {
        version = candidate;
      }
    }
    if (version == null || !"alert".equals(root.getLocalName())) {
      throw new IllegalArgumentException(
          "element '"
              + root.getLocalName()
              + "': the root must be a CAP 1.1 or 1.2 alert, was namespace '"
              + namespace
              + "'");
    }
    SchemaCheck.validate(xml, version);
    return new Parsed(version, document);
  }

  private static void requireSize(byte[] xml) {
    if (xml.length > MAX_BYTES) {
      throw new IllegalArgumentException(
          "a CAP document must be at most " + MAX_BYTES + " bytes, was more");
    }
  }

  static CapAlert toAlert(Element alert, String ns) {
    Dom dom = new Dom(ns);
    List<CapAlert.Reference> references = new ArrayList<>();
    dom.text(alert, "references").ifPresent(text -> references.addAll(references(text)));
    List<CapInfo> infos = new ArrayList<>();
    for (Element info : dom.children(alert, "info")) {
      infos.add(toInfo(dom, info));
    }
    return new CapAlert(
        dom.required(alert, "identifier"),
        dom.required(alert, "sender"),
        CapXml.parseTime("sent", dom.required(alert, "sent")),
        CapCode.parse(CapAlert.Status.class, "status", dom.required(alert, "status")),
        CapCode.parse(CapAlert.MsgType.class, "msgType", dom.required(alert, "msgType")),
        CapCode.parse(CapAlert.Scope.class, "scope", dom.required(alert, "scope")),
        references,
        infos);
  }

  /** CAP's {@code sender,identifier,sent} triples, separated by whitespace. */
  static List<CapAlert.Reference> references(String text) {
    List<CapAlert.Reference> references = new ArrayList<>();
    for (String triple : text.trim().split("\\s+")) {
      if (triple.isEmpty()) {
        continue;
      }
      String[] parts = triple.split(",");
      if (parts.length != 3) {
        throw new IllegalArgumentException(
            "element 'references': each must be sender,identifier,sent, was '" + triple + "'");
      }
      references.add(
          new CapAlert.Reference(parts[0], parts[1], CapXml.parseTime("references", parts[2])));
    }
    return references;
  }

  private static CapInfo toInfo(Dom dom, Element info) {
    List<CapInfo.Category> categories = new ArrayList<>();
    for (Element category : dom.children(info, "category")) {
      categories.add(CapCode.parse(CapInfo.Category.class, "category", Dom.text(category)));
    }
    List<CapInfo.ResponseType> responses = new ArrayList<>();
    for (Element response : dom.children(info, "responseType")) {
      responses.add(CapCode.parse(CapInfo.ResponseType.class, "responseType", Dom.text(response)));
    }
    List<CapArea> areas = new ArrayList<>();
    for (Element area : dom.children(info, "area")) {
      List<CapPolygon> polygons = new ArrayList<>();
      for (Element polygon : dom.children(area, "polygon")) {
        polygons.add(CapPolygon.parse(Dom.text(polygon)));
      }
      List<CapCircle> circles = new ArrayList<>();
      for (Element circle : dom.children(area, "circle")) {
        circles.add(CapCircle.parse(Dom.text(circle)));
      }
      areas.add(
          new CapArea(
              dom.required(area, "areaDesc"), polygons, circles, dom.namedValues(area, "geocode")));
    }
    return new CapInfo(
        dom.text(info, "language").orElse("en-US"),
        categories,
        dom.required(info, "event"),
        responses,
        CapCode.parse(CapInfo.Urgency.class, "urgency", dom.required(info, "urgency")),
        CapCode.parse(CapInfo.Severity.class, "severity", dom.required(info, "severity")),
        CapCode.parse(CapInfo.Certainty.class, "certainty", dom.required(info, "certainty")),
        dom.text(info, "onset").map(t -> CapXml.parseTime("onset", t)),
        dom.text(info, "expires").map(t -> CapXml.parseTime("expires", t)),
        dom.text(info, "senderName"),
        dom.text(info, "headline"),
        dom.text(info, "description"),
        dom.text(info, "instruction"),
        dom.namedValues(info, "parameter"),
        areas);
  }

  /** Child elements in the CAP namespace, by local name. */
  private record Dom(String ns) {

    List<Element> children(Element parent, String name) {
      List<Element> found = new ArrayList<>();
      for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
        if (node instanceof Element element
            && ns.equals(element.getNamespaceURI())
            && name.equals(element.getLocalName())) {
          found.add(element);
        }
      }
      return found;
    }

    Optional<String> text(Element parent, String name) {
      List<Element> found = children(parent, name);
      return found.isEmpty() ? Optional.empty() : Optional.of(text(found.get(0)));
    }

    String required(Element parent, String name) {
      return text(parent, name)
          .orElseThrow(() -> new IllegalArgumentException("element '" + name + "': missing"));
    }

    List<NamedValue> namedValues(Element parent, String name) {
      List<NamedValue> values = new ArrayList<>();
      for (Element pair : children(parent, name)) {
        values.add(new NamedValue(required(pair, "valueName"), required(pair, "value")));
      }
      return values;
    }

    static String text(Element element) {
      return element.getTextContent().strip();
    }
  }
}
