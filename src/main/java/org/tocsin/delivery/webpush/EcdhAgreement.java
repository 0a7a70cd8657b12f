package org.tocsin.delivery.webpush;

import java.security.SecureRandom;

/**
 * Elliptic-curve Diffie-Hellman on P-256 with a fresh ephemeral key, as RFC 8291 §3.1 asks of an
 * application server for every message it encrypts. Three implementations, so that a benchmark can
 * weigh them: {@link ConscryptEcdh} (chosen where it loads), {@link BouncyCastleEcdh} (chosen
 * elsewhere) and {@link JdkEcdh}.
 */
interface EcdhAgreement {

  /**
   * A fresh ephemeral key pair and its shared secret with {@code peerPublicKey}.
   *
   * @param peerPublicKey the user agent's public key, already checked to be on the curve
   */
  Agreement agree(byte[] peerPublicKey, SecureRandom random);

  /**
   * The ephemeral public key and the shared secret.
   *
   * @param ephemeralPublicKey the application server's public key, uncompressed (65 bytes)
   * @param sharedSecret the x coordinate of the shared point (32 bytes)
   */
  record Agreement(byte[] ephemeralPublicKey, byte[] sharedSecret) {}
}
