package org.tocsin.delivery.webpush;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Optional;
import javax.crypto.KeyAgreement;
import org.conscrypt.Conscrypt;

/**
 * ECDH on BoringSSL's P-256 through Conscrypt's JCA provider: the ephemeral key pair and the shared
 * secret each one native call, on the assembly code that OpenSSL and BoringSSL share. About four
 * times faster than {@link BouncyCastleEcdh} here (BENCHMARKS.md), and constant-time.
 *
 * <p>The provider is Conscrypt's own instance, asked for by name and never installed, so nothing
 * else in the process (TLS above all) changes. Where Conscrypt's native library does not load (a
 * platform its jar carries no library for), {@link #load()} says so and the encryptor stays on
 * BouncyCastle. BoringSSL draws the ephemeral key from its own generator, so the {@code random} an
 * agreement is given goes unused here.
 */
final class ConscryptEcdh implements EcdhAgreement {

  /**
   * The DER of a P-256 public key (RFC 5480 SubjectPublicKeyInfo) before its 65-byte point: how a
   * user agent's raw key is handed to a JCA key factory without a decode to numbers and back.
   */
  private static final byte[] SPKI_PREFIX = {
    0x30,
    0x59,
    0x30,
    0x13,
    0x06,
    0x07,
    0x2a,
    (byte) 0x86,
    0x48,
    (byte) 0xce,
    0x3d,
    0x02,
    0x01,
    0x06,
    0x08,
    0x2a,
    (byte) 0x86,
    0x48,
    (byte) 0xce,
    0x3d,
    0x03,
    0x01,
    0x07,
    0x03,
    0x42,
    0x00
  };

  private final ThreadLocal<Tools> tools;

  private ConscryptEcdh(Provider provider) {
    this.tools = ThreadLocal.withInitial(() -> Tools.of(provider));
  }

  /** Conscrypt's P-256, or empty where its native library cannot be loaded or lacks P-256. */
  static Optional<ConscryptEcdh> load() {
    try {
      if (!Conscrypt.isAvailable()) {
        return Optional.empty();
      }
      ConscryptEcdh ecdh = new ConscryptEcdh(Conscrypt.newProvider());
      ecdh.tools.get();
      return Optional.of(ecdh);
    } catch (LinkageError | IllegalStateException e) {
      return Optional.empty();
    }
  }

  @Override
  public Agreement agree(byte[] peerPublicKey, SecureRandom random) {
    Tools t = tools.get();
    try {
      PublicKey peer = t.factory.generatePublic(new X509EncodedKeySpec(spki(peerPublicKey)));
      KeyPair ephemeral = t.generator.generateKeyPair();
      t.agreement.init(ephemeral.getPrivate());
      t.agreement.doPhase(peer, true);
      byte[] secret = t.agreement.generateSecret();
      return new Agreement(JdkEcdh.uncompressed((ECPublicKey) ephemeral.getPublic()), secret);
    } catch (java.security.spec.InvalidKeySpecException e) {
      throw new IllegalArgumentException("keys.p256dh must be a point on the P-256 curve", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Conscrypt's ECDH on P-256 failed", e);
    }
  }

  private static byte[] spki(byte[] point) {
    if (point.length != P256.PUBLIC_KEY_BYTES || point[0] != 0x04) {
      // The same message as BouncyCastle's decoder gives.
      P256.decodePublicKey("keys.p256dh", point);
    }
    byte[] der = new byte[SPKI_PREFIX.length + point.length];
    System.arraycopy(SPKI_PREFIX, 0, der, 0, SPKI_PREFIX.length);
    System.arraycopy(point, 0, der, SPKI_PREFIX.length, point.length);
    return der;
  }

  /** One thread's JCA objects: none of them may be shared between threads. */
  private record Tools(KeyFactory factory, KeyPairGenerator generator, KeyAgreement agreement) {

    static Tools of(Provider provider) {
      try {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", provider);
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return new Tools(
            KeyFactory.getInstance("EC", provider),
            generator,
            KeyAgreement.getInstance("ECDH", provider));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("Conscrypt lacks ECDH on P-256", e);
      }
    }
  }
}
