package org.tocsin.cap;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.validation.ValidatorHandler;
import org.xml.sax.Attributes;
import org.xml.sax.ErrorHandler;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Validates a document against a CAP schema while streaming it, so that the first error can be
 * reported with its line, the element it concerns, and the rule, in words: {@code line 12: element
 * 'urgency': value 'Soon' is not one of Immediate, Expected, Future, Past, Unknown}.
 *
 * <p>The schema validator (the JDK's Xerces) names the rule but not always the element; a filter in
 * front of it keeps the stack of open elements, so the element being validated when an error is
 * raised is known: the one just started (unexpected content) or just ended (a bad value, missing
 * children).
 */
final class SchemaCheck {

  private static final Pattern ENUMERATION =
      Pattern.compile(
          "cvc-enumeration-valid: Value '(.*)' is not facet-valid with respect to enumeration"
              + " '\\[(.*)\\]'.*",
          Pattern.DOTALL);
  private static final Pattern PATTERN =
      Pattern.compile(
          "cvc-pattern-valid: Value '(.*)' is not facet-valid with respect to pattern '(.*)' for"
              + " type.*",
          Pattern.DOTALL);
  private static final Pattern UNEXPECTED =
      Pattern.compile(
          "cvc-complex-type\\.2\\.4\\.a: Invalid content was found starting with element"
              + " '(.*)'\\. One of '\\{(.*)\\}' is expected\\.",
          Pattern.DOTALL);
  private static final Pattern INCOMPLETE =
      Pattern.compile(
          "cvc-complex-type\\.2\\.4\\.b: The content of element '(.*)' is not complete\\. One of"
              + " '\\{(.*)\\}' is expected\\.",
          Pattern.DOTALL);
  private static final Pattern RULE_PREFIX = Pattern.compile("^cvc-[a-zA-Z0-9.-]+: ");
  private static final Pattern NAMESPACE = Pattern.compile("\"[^\"]*\":");

  private SchemaCheck() {}

  /**
   * Checks the document against the version's schema.
   *
   * @throws IllegalArgumentException with the line, element and rule of the first error
   */
  static void validate(byte[] xml, CapVersion version) {
    ValidatorHandler validator = CapXml.schema(version).newValidatorHandler();
    try {
      validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    } catch (SAXException e) {
      throw new IllegalStateException("the JDK's validator lacks a hardening property", e);
    }
    Forwarder forwarder = new Forwarder(validator);
    validator.setErrorHandler(forwarder);
    try {
      CapXml.saxParserFactory().newSAXParser().parse(new ByteArrayInputStream(xml), forwarder);
    } catch (SAXParseException e) {
      throw new IllegalArgumentException(message(e, forwarder.failedElement), e);
    } catch (SAXException | ParserConfigurationException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The line, the element and the rule, in words. */
  static String message(SAXParseException e, String element) {
    String line = e.getLineNumber() > 0 ? "line " + e.getLineNumber() + ": " : "";
    String text = e.getMessage() == null ? "invalid" : e.getMessage().strip();
    Matcher m;
    if ((m = ENUMERATION.matcher(text)).matches()) {
      return line
          + "element '"
          + element
          + "': value '"
          + m.group(1)
          + "' is not one of "
          + m.group(2);
    }
    if ((m = PATTERN.matcher(text)).matches()) {
      return line
          + "element '"
          + element
          + "': value '"
          + m.group(1)
          + "' does not match the pattern "
          + m.group(2);
    }
    if ((m = UNEXPECTED.matcher(text)).matches()) {
      return line
          + "element '"
          + element
          + "': not allowed here; expected one of "
          + NAMESPACE.matcher(m.group(2)).replaceAll("");
    }
    if ((m = INCOMPLETE.matcher(text)).matches()) {
      return line
          + "element '"
          + element
          + "': incomplete; expected one of "
          + NAMESPACE.matcher(m.group(2)).replaceAll("");
    }
    String rule = RULE_PREFIX.matcher(text).replaceFirst("");
    return element == null ? line + rule : line + "element '" + element + "': " + rule;
  }

  /** Sends the parser's events to the validator, keeping the stack of open elements. */
  private static final class Forwarder extends DefaultHandler implements ErrorHandler {

    private final ValidatorHandler validator;
    private final Deque<String> open = new ArrayDeque<>();
    private String failedElement;

    Forwarder(ValidatorHandler validator) {
      this.validator = validator;
    }

    @Override
    public void setDocumentLocator(Locator locator) {
      validator.setDocumentLocator(locator);
    }

    @Override
    public void startDocument() throws SAXException {
      validator.startDocument();
    }

    @Override
    public void endDocument() throws SAXException {
      validator.endDocument();
    }

    @Override
    public void startPrefixMapping(String prefix, String uri) throws SAXException {
      validator.startPrefixMapping(prefix, uri);
    }

    @Override
    public void endPrefixMapping(String prefix) throws SAXException {
      validator.endPrefixMapping(prefix);
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes)
        throws SAXException {
      open.push(localName);
      validator.startElement(uri, localName, qName, attributes);
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
      validator.endElement(uri, localName, qName);
      open.pop();
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
      validator.characters(ch, start, length);
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
      validator.ignorableWhitespace(ch, start, length);
    }

    @Override
    public void processingInstruction(String target, String data) throws SAXException {
      validator.processingInstruction(target, data);
    }

    @Override
    public void warning(SAXParseException e) {
      // Warnings do not make a message invalid.
    }

    @Override
    public void error(SAXParseException e) throws SAXException {
      failedElement = open.peek();
      throw e;
    }

    @Override
    public void fatalError(SAXParseException e) throws SAXException {
      failedElement = open.peek();
      throw e;
    }
  }
}
