package org.tocsin.delivery.webpush;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;

/**
 * ECDH through the JDK's own provider (SunEC): the baseline the benchmark weighs {@link
 * BouncyCastleEcdh} against, kept because it needs no third-party code.
 */
final class JdkEcdh implements EcdhAgreement {

  private static final ECParameterSpec P256_SPEC = p256Spec();

  @Override
  public Agreement agree(byte[] peerPublicKey, SecureRandom random) {
    P256.decodePublicKey("keys.p256dh", peerPublicKey);
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(P256_SPEC, random);
      KeyPair ephemeral = generator.generateKeyPair();
      javax.crypto.KeyAgreement agreement = javax.crypto.KeyAgreement.getInstance("ECDH");
      agreement.init(ephemeral.getPrivate());
      agreement.doPhase(publicKey(peerPublicKey), true);
      return new Agreement(
          uncompressed((ECPublicKey) ephemeral.getPublic()), agreement.generateSecret());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK's ECDH on P-256 failed", e);
    }
  }

  private static PublicKey publicKey(byte[] uncompressed) throws GeneralSecurityException {
    ECPoint w =
        new ECPoint(
            new BigInteger(1, java.util.Arrays.copyOfRange(uncompressed, 1, 33)),
            new BigInteger(1, java.util.Arrays.copyOfRange(uncompressed, 33, 65)));
    return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, P256_SPEC));
  }

  /** A JDK public key as Web Push writes it: 0x04, x, y. */
  static byte[] uncompressed(ECPublicKey key) {
    byte[] out = new byte[P256.PUBLIC_KEY_BYTES];
    out[0] = 0x04;
    copyUnsigned(key.getW().getAffineX(), out, 1);
    copyUnsigned(key.getW().getAffineY(), out, 33);
    return out;
  }

  private static void copyUnsigned(BigInteger value, byte[] out, int offset) {
    byte[] bytes = value.toByteArray();
    int start = Math.max(0, bytes.length - P256.SCALAR_BYTES);
    int length = bytes.length - start;
    System.arraycopy(bytes, start, out, offset + P256.SCALAR_BYTES - length, length);
  }

  private static ECParameterSpec p256Spec() {
    try {
      java.security.AlgorithmParameters parameters =
          java.security.AlgorithmParameters.getInstance("EC");
      parameters.init(new ECGenParameterSpec("secp256r1"));
      return parameters.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks P-256", e);
    }
  }
}
