package org.tocsin.cap;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.xml.crypto.AlgorithmMethod;
import javax.xml.crypto.KeySelector;
import javax.xml.crypto.KeySelectorException;
import javax.xml.crypto.KeySelectorResult;
import javax.xml.crypto.MarshalException;
import javax.xml.crypto.XMLCryptoContext;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.KeyValue;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Verifies signed CAP messages from outside: the message must be valid CAP (see {@link CapReader}),
 * carry exactly one enveloped XML signature over the whole document as the last part of {@code
 * alert}, and that signature must verify with one of the trusted public keys. A key that the
 * message itself offers is used only when it is one of those: anyone can sign with a key of their
 * own.
 *
 * <p>The JDK's secure validation mode is on (it refuses weak algorithms, too many transforms and
 * references outside the document).
 */
public final class CapVerifier {

  private final List<PublicKey> trusted;

  /**
   * @param trusted the public keys of the senders trusted, at least one
   */
  public CapVerifier(List<PublicKey> trusted) {
    this.trusted = List.copyOf(trusted);
    if (this.trusted.isEmpty()) {
      throw new IllegalArgumentException("at least one trusted public key is needed");
    }
  }

  /**
   * Verifies a signed message and returns it.
   *
   * @throws IllegalArgumentException when the document is not valid CAP, has no signature or more
   *     than one, signs less than the whole message, was signed by an untrusted key, or was altered
   *     after signing
   */
  public CapAlert verify(byte[] xml) {
    CapReader.Parsed parsed = CapReader.parse(xml);
    verify(parsed);
    return CapReader.toAlert(parsed.document().getDocumentElement(), parsed.version().namespace());
  }

  /**
   * Verifies the signature of a message already read and validated.
   *
   * @return the trusted key it verified with
   * @throws IllegalArgumentException as {@link #verify(byte[])}
   */
  PublicKey verify(CapReader.Parsed parsed) {
    Element root = parsed.document().getDocumentElement();
    List<Element> signatures = new ArrayList<>();
    for (Node node = root.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element
          && CapXml.DSIG_NS.equals(element.getNamespaceURI())
          && "Signature".equals(element.getLocalName())) {
        signatures.add(element);
      }
    }
    if (signatures.size() != 1) {
      throw new IllegalArgumentException(
          "element 'Signature': a signed CAP message needs exactly one, had " + signatures.size());
    }
    XMLSignatureFactory factory = XMLSignatureFactory.getInstance("DOM");
    TrustedKeys keys = new TrustedKeys();
    DOMValidateContext context = new DOMValidateContext(keys, signatures.get(0));
    context.setProperty("org.jcp.xml.dsig.secureValidation", Boolean.TRUE);
    try {
      XMLSignature signature = factory.unmarshalXMLSignature(context);
      requireWholeDocument(signature);
      if (!signature.validate(context)) {
        throw new IllegalArgumentException(
            "element 'Signature': does not verify: the message was altered after signing");
      }
    } catch (MarshalException e) {
      throw new IllegalArgumentException("element 'Signature': malformed: " + e.getMessage(), e);
    } catch (XMLSignatureException e) {
      String cause = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
      throw new IllegalArgumentException("element 'Signature': cannot verify: " + cause, e);
    }
    return keys.selected;
  }

  /** One reference, to the whole document, with the enveloped transform: no wrapping attacks. */
  private static void requireWholeDocument(XMLSignature signature) {
    List<?> references = signature.getSignedInfo().getReferences();
    if (references.size() != 1 || !"".equals(((Reference) references.get(0)).getURI())) {
      throw new IllegalArgumentException(
          "element 'Signature': must sign the whole message (one Reference with URI \"\")");
    }
    List<?> transforms = ((Reference) references.get(0)).getTransforms();
    for (Object transform : transforms) {
      String algorithm = ((Transform) transform).getAlgorithm();
      if (!algorithm.equals(Transform.ENVELOPED)
          && !algorithm.equals(CanonicalizationMethod.EXCLUSIVE)
          && !algorithm.equals(CanonicalizationMethod.INCLUSIVE)) {
        throw new IllegalArgumentException(
            "element 'Signature': transform " + algorithm + " is not allowed");
      }
    }
  }

  /** Picks the trusted key that the signature's KeyValue names, or the only trusted key. */
  private final class TrustedKeys extends KeySelector {

    /** The key chosen: the one the signature verified with, once it has. */
    private PublicKey selected;

    @Override
    public KeySelectorResult select(
        KeyInfo keyInfo, Purpose purpose, AlgorithmMethod method, XMLCryptoContext context)
        throws KeySelectorException {
      if (keyInfo == null) {
        if (trusted.size() == 1) {
          return result(trusted.get(0));
        }
        throw new KeySelectorException("the signature names no key");
      }
      for (Object item : keyInfo.getContent()) {
        if (item instanceof KeyValue keyValue) {
          PublicKey offered;
          try {
            offered = keyValue.getPublicKey();
          } catch (java.security.KeyException e) {
            throw new KeySelectorException(e);
          }
          for (PublicKey key : trusted) {
            if (Arrays.equals(key.getEncoded(), offered.getEncoded())) {
              return result(key);
            }
          }
          throw new KeySelectorException("the message was signed with a key that is not trusted");
        }
      }
      throw new KeySelectorException("the signature's KeyInfo has no KeyValue");
    }

    private KeySelectorResult result(PublicKey key) {
      selected = key;
      return () -> key;
    }
  }
}
