package org.tocsin.cap;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The XML machinery shared by the reader, the writer and the signatures: the OASIS schemas, parsers
 * hardened against outside input, CAP's date-time format and serialization.
 *
 * <p>Hardening: no DOCTYPE at all (so no entity expansion and no external entities), no external
 * DTD or schema access, XInclude off, the JDK's secure-processing limits on. Size is limited by the
 * callers before parsing.
 */
final class CapXml {

  /** The namespace of XML-DSig, whose elements CAP 1.2 allows at the end of {@code alert}. */
  static final String DSIG_NS = "http://www.w3.org/2000/09/xmldsig#";

  /**
   * CAP 1.2's date-time: an explicit offset, never {@code Z}, no fractions of a second; UTC is
   * written {@code -00:00}, as CAP 1.2 §3.3.2 requires (the pattern's {@code xxx} would give {@code
   * +00:00}).
   */
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");

  private static final DateTimeFormatter LOCAL_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

  /** CAP 1.2's spelling of UTC. */
  private static final String CAP_UTC = "-00:00";

  private static final Map<CapVersion, Schema> SCHEMAS = loadSchemas();

  private CapXml() {}

  static Schema schema(CapVersion version) {
    return SCHEMAS.get(version);
  }

  /** A CAP 1.2 date-time: UTC as {@code -00:00}, any other offset as it is. */
  static String format(OffsetDateTime time) {
    return time.getOffset().equals(ZoneOffset.UTC)
        ? LOCAL_TIME.format(time) + CAP_UTC
        : TIME.format(time);
  }

  /**
   * An RFC 3339 date-time for ATOM: UTC as {@code +00:00}, since RFC 3339 gives {@code -00:00} the
   * meaning "local offset unknown".
   */
  static String formatRfc3339(Instant time) {
    return TIME.format(time.atOffset(ZoneOffset.UTC));
  }

  static String formatRfc3339(OffsetDateTime time) {
    return TIME.format(time);
  }

  /**
   * Parses an XML Schema dateTime (CAP 1.1 also allows {@code Z} and fractions); {@code -00:00} and
   * {@code +00:00} both read as UTC.
   */
  static OffsetDateTime parseTime(String element, String text) {
    try {
      return OffsetDateTime.parse(text.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "element '" + element + "': not a date-time with an offset: '" + text + "'", e);
    }
  }

  /** A namespace-aware DOM builder that refuses DOCTYPEs and never reaches outside. */
  static DocumentBuilder documentBuilder() {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setXIncludeAware(false);
    factory.setExpandEntityReferences(false);
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    try {
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(null);
      return builder;
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's XML parser lacks a hardening feature", e);
    }
  }

  /** A namespace-aware SAX parser factory with the same hardening as {@link #documentBuilder}. */
  static SAXParserFactory saxParserFactory() {
    SAXParserFactory factory = SAXParserFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setXIncludeAware(false);
    try {
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    } catch (ParserConfigurationException | SAXException e) {
      throw new IllegalStateException("the JDK's XML parser lacks a hardening feature", e);
    }
    return factory;
  }

  /** Serializes a node as UTF-8 XML text; {@code indent} adds line breaks for people. */
  static String serialize(Node node, Indent indent) {
    try {
      TransformerFactory factory = TransformerFactory.newInstance();
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
      Transformer transformer = factory.newTransformer();
      transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
      if (indent == Indent.YES) {
        transformer.setOutputProperty(OutputKeys.INDENT, "yes");
        transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
      }
      StringWriter out = new StringWriter();
      transformer.transform(new DOMSource(node), new StreamResult(out));
      return out.toString();
    } catch (TransformerException e) {
      throw new IllegalStateException("cannot serialize XML", e);
    }
  }

  /** Whether to indent serialized XML. */
  enum Indent {
    YES,
    NO
  }

  private static Map<CapVersion, Schema> loadSchemas() {
    Map<CapVersion, Schema> schemas = new EnumMap<>(CapVersion.class);
    for (CapVersion version : CapVersion.values()) {
      try (InputStream in = CapXml.class.getResourceAsStream(version.schemaResource())) {
        if (in == null) {
          throw new IllegalStateException("missing resource " + version.schemaResource());
        }
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        schemas.put(version, factory.newSchema(new StreamSource(in, version.schemaResource())));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (SAXException e) {
        throw new IllegalStateException("cannot load " + version.schemaResource(), e);
      }
    }
    return schemas;
  }
}
