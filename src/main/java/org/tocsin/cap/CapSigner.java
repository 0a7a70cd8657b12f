package org.tocsin.cap;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.util.List;
import java.util.Objects;
import javax.xml.crypto.MarshalException;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

/**
 * Signs CAP messages with an enveloped XML signature (XML-DSig) over the whole {@code alert}, as
 * CAP 1.2 section 3.3.2.1 provides: SHA-256 digest, exclusive canonicalization, ECDSA-SHA256 for an
 * EC key or RSA-SHA256 for an RSA key, and the public key in {@code KeyInfo/KeyValue} (no
 * certificate). The signature is the last child of {@code alert}, where the schema allows elements
 * of the XML-DSig namespace, so a signed message still validates.
 *
 * <p>Where the key pair comes from (a file, a key store, generated on first run) is the caller's
 * business.
 */
public final class CapSigner {

  private final KeyPair keyPair;
  private final String signatureMethod;

  /**
   * @param keyPair an EC (P-256 recommended) or RSA (at least 2048 bits) key pair
   * @throws IllegalArgumentException for another kind of key
   */
  public CapSigner(KeyPair keyPair) {
    this.keyPair = Objects.requireNonNull(keyPair, "keyPair");
    if (keyPair.getPrivate() instanceof ECKey) {
      signatureMethod = SignatureMethod.ECDSA_SHA256;
    } else if (keyPair.getPrivate() instanceof RSAKey) {
      signatureMethod = SignatureMethod.RSA_SHA256;
    } else {
      throw new IllegalArgumentException(
          "the signing key must be EC or RSA, was " + keyPair.getPrivate().getAlgorithm());
    }
  }

  /**
   * The message as signed XML text, validated against CAP-v1.2.xsd.
   *
   * @throws IllegalArgumentException when the message is invalid
   */
  public String sign(CapAlert alert) {
    String xml = CapWriter.toXml(alert);
    try {
      Document document =
          CapXml.documentBuilder()
              .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
      XMLSignatureFactory factory = XMLSignatureFactory.getInstance("DOM");
      Reference reference =
          factory.newReference(
              "",
              factory.newDigestMethod(DigestMethod.SHA256, null),
              List.of(
                  factory.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null),
                  factory.newTransform(
                      CanonicalizationMethod.EXCLUSIVE, (TransformParameterSpec) null)),
              null,
              null);
      SignedInfo signedInfo =
          factory.newSignedInfo(
              factory.newCanonicalizationMethod(
                  CanonicalizationMethod.EXCLUSIVE, (C14NMethodParameterSpec) null),
              factory.newSignatureMethod(signatureMethod, null),
              List.of(reference));
      KeyInfoFactory keys = factory.getKeyInfoFactory();
      KeyInfo keyInfo = keys.newKeyInfo(List.of(keys.newKeyValue(keyPair.getPublic())));
      DOMSignContext context =
          new DOMSignContext(keyPair.getPrivate(), document.getDocumentElement());
      context.setDefaultNamespacePrefix("ds");
      factory.newXMLSignature(signedInfo, keyInfo).sign(context);
      String signed = CapXml.serialize(document, CapXml.Indent.NO);
      CapWriter.validate(alert.identifier(), signed);
      return signed;
    } catch (GeneralSecurityException | MarshalException | XMLSignatureException e) {
      throw new IllegalStateException("cannot sign CAP message " + alert.identifier(), e);
    } catch (SAXException | IOException e) {
      throw new IllegalStateException("cannot re-read CAP message " + alert.identifier(), e);
    }
  }
}
