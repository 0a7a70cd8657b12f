package org.tocsin.delivery.webpush;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The NIST P-256 curve (secp256r1) in BouncyCastle's custom-curve form, whose field arithmetic is
 * written for this prime, and the checks a public key from outside must pass.
 */
final class P256 {

  /** An uncompressed point: 0x04, then x and y, 32 bytes each. */
  static final int PUBLIC_KEY_BYTES = 65;

  static final int SCALAR_BYTES = 32;

  static final X9ECParameters PARAMETERS = CustomNamedCurves.getByName("secp256r1");
  static final ECCurve CURVE = PARAMETERS.getCurve();
  static final ECPoint G = PARAMETERS.getG();
  static final BigInteger N = PARAMETERS.getN();

  private P256() {}

  /**
   * The point that {@code encoded} holds, checked: 65 bytes, uncompressed form, on the curve (the
   * curve has cofactor 1, so any point on it other than infinity is in the group).
   *
   * @param field what the key is, for the message: {@code "keys.p256dh"}
   * @throws IllegalArgumentException naming the field and the rule broken
   */
  static ECPoint decodePublicKey(String field, byte[] encoded) {
    if (encoded.length != PUBLIC_KEY_BYTES || encoded[0] != 0x04) {
      throw new IllegalArgumentException(
          field
              + " must be an uncompressed P-256 point (65 bytes starting with 0x04), was "
              + encoded.length
              + " bytes"
              + (encoded.length > 0
                  ? " starting with 0x" + String.format("%02x", encoded[0])
                  : ""));
    }
    try {
      return CURVE.decodePoint(encoded);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + " must be a point on the P-256 curve, was not", e);
    }
  }

  /** A private scalar drawn uniformly from [1, n-1]. */
  static BigInteger randomScalar(SecureRandom random) {
    byte[] bytes = new byte[SCALAR_BYTES];
    while (true) {
      random.nextBytes(bytes);
      BigInteger d = new BigInteger(1, bytes);
      if (d.signum() > 0 && d.compareTo(N) < 0) {
        return d;
      }
    }
  }

  /**
   * A private scalar from its 32 big-endian bytes.
   *
   * @throws IllegalArgumentException when it is not within [1, n-1]
   */
  static BigInteger scalar(byte[] bytes) {
    BigInteger d = new BigInteger(1, bytes);
    if (bytes.length != SCALAR_BYTES || d.signum() == 0 || d.compareTo(N) >= 0) {
      throw new IllegalArgumentException("a P-256 private key must be 32 bytes within [1, n-1]");
    }
    return d;
  }
}
