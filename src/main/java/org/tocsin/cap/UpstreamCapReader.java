package org.tocsin.cap;

import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Document;

/**
 * Reads CAP from upstream authorities, deciding on signatures by the parsed document alone.
 *
 * <p>The document is parsed once, by the hardened reader, which honours its declared encoding
 * (UTF-16 included): whether it is signed is seen in that DOM, never guessed from its bytes, and
 * the signature verified is the one in that DOM. A message that carries a signature must verify
 * with a trusted key, whatever else: a signature nobody can check proves nothing. When trusted keys
 * are set, every message must carry one: otherwise anybody holding a key could speak for the
 * authority.
 */
public final class UpstreamCapReader {

  private final List<PublicKey> trusted;

  /**
   * @param trusted the public keys of the signers trusted; none to take unsigned messages
   */
  public UpstreamCapReader(List<PublicKey> trusted) {
    this.trusted = List.copyOf(trusted);
  }

  /** A message read, and the trusted key whose signature it carries, if it is signed. */
  public record Checked(CapAlert alert, Optional<PublicKey> signer) {}

  /**
   * Reads, validates and checks the signature of a message.
   *
   * @throws IllegalArgumentException naming the element and the rule when it is not valid CAP, when
   *     it is unsigned and trusted keys are set, or saying why its signature is refused
   */
  public Checked read(byte[] xml) {
    CapReader.Parsed parsed = CapReader.parse(xml);
    Optional<PublicKey> signer = Optional.empty();
    if (isSigned(parsed.document())) {
      if (trusted.isEmpty()) {
        throw new IllegalArgumentException(
            "element 'Signature': signed CAP needs a trusted key on this server, and none is set");
      }
      signer = Optional.of(new CapVerifier(trusted).verify(parsed));
    } else if (!trusted.isEmpty()) {
      throw new IllegalArgumentException(
          "element 'Signature': missing: this server takes only CAP signed with a trusted key");
    }
    CapAlert alert =
        CapReader.toAlert(parsed.document().getDocumentElement(), parsed.version().namespace());
    return new Checked(alert, signer);
  }

  /** Whether there is an XML signature anywhere in the document. */
  private static boolean isSigned(Document document) {
    return document.getElementsByTagNameNS(CapXml.DSIG_NS, "Signature").getLength() > 0;
  }
}
