package org.tocsin.delivery.webpush;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * ECDH on BouncyCastle's custom P-256 curve through its lightweight API: the ephemeral public key
 * by the fixed-point comb (the base point's table is computed once), the shared point by the
 * curve's windowed multiplier. Several times faster than the JDK's provider here (see
 * BENCHMARKS.md). The variable-base multiplication is not constant-time; it only ever sees a scalar
 * used for one message, which is discarded right after.
 */
final class BouncyCastleEcdh implements EcdhAgreement {

  private static final FixedPointCombMultiplier COMB = new FixedPointCombMultiplier();

  @Override
  public Agreement agree(byte[] peerPublicKey, SecureRandom random) {
    return agree(peerPublicKey, P256.randomScalar(random));
  }

  /** The agreement with a given private scalar: for the RFC's test vector. */
  Agreement agree(byte[] peerPublicKey, BigInteger privateScalar) {
    ECPoint peer = P256.decodePublicKey("keys.p256dh", peerPublicKey);
    ECPoint[] points = {COMB.multiply(P256.G, privateScalar), peer.multiply(privateScalar)};
    // Both to affine with one field inversion instead of two.
    P256.CURVE.normalizeAll(points);
    if (points[1].isInfinity()) {
      throw new IllegalArgumentException("keys.p256dh gives no shared secret (point at infinity)");
    }
    return new Agreement(points[0].getEncoded(false), points[1].getAffineXCoord().getEncoded());
  }
}
