package org.tocsin.web;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import org.tocsin.cap.CapAlert;
import org.tocsin.cap.CapReader;
import org.tocsin.cap.CapVerifier;

/**
 * CAP messages received from upstream authorities ({@code POST /api/v1/cap}): read with the
 * hardened, schema-validating reader; a signed message must verify with a trusted key, since a
 * signature nobody can check proves nothing. Accepted messages are kept, newest last.
 */
final class UpstreamCap {

  private final List<PublicKey> trusted;
  private final List<CapAlert> received = new ArrayList<>();

  UpstreamCap(List<PublicKey> trusted) {
    this.trusted = List.copyOf(trusted);
  }

  /**
   * Reads, checks and keeps a message.
   *
   * @throws IllegalArgumentException naming the element and the rule when it is not valid CAP, or
   *     saying why a signature is refused
   */
  synchronized CapAlert accept(byte[] xml) {
    CapAlert alert;
    if (isSigned(xml)) {
      if (trusted.isEmpty()) {
        throw new IllegalArgumentException(
            "element 'Signature': signed CAP needs a trusted key on this server, and none is set");
      }
      alert = new CapVerifier(trusted).verify(xml);
    } else {
      alert = CapReader.read(xml);
    }
    received.add(alert);
    return alert;
  }

  synchronized List<CapAlert> received() {
    return List.copyOf(received);
  }

  private static boolean isSigned(byte[] xml) {
    String text = new String(xml, StandardCharsets.UTF_8);
    return text.contains("http://www.w3.org/2000/09/xmldsig#") && text.contains("Signature");
  }
}
