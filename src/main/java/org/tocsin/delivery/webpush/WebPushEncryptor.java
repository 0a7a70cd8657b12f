package org.tocsin.delivery.webpush;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts a push message for one subscription: RFC 8291 (Message Encryption for Web Push) with the
 * aes128gcm content coding of RFC 8188.
 *
 * <pre>
 *   ecdh_secret = ECDH(as_private, ua_public)          fresh as key pair per message (§3.1)
 *   PRK_key     = HMAC-SHA-256(auth_secret, ecdh_secret)
 *   IKM         = HMAC-SHA-256(PRK_key, "WebPush: info" 0x00 ua_public as_public 0x01)
 *   PRK         = HMAC-SHA-256(salt, IKM)               salt: 16 random bytes per message
 *   CEK         = HMAC-SHA-256(PRK, "Content-Encoding: aes128gcm" 0x00 0x01)[0..16]
 *   NONCE       = HMAC-SHA-256(PRK, "Content-Encoding: nonce" 0x00 0x01)[0..12]
 *   body        = salt | rs (uint32, 4096) | idlen (65) | as_public
 *                 | AES-128-GCM(CEK, NONCE, plaintext | 0x02 | 0x00 * padding)
 * </pre>
 *
 * One record only (the delimiter 0x02 marks the last), so the whole body stays within the 4,096
 * bytes every push service must accept (RFC 8030 §7.2): the plaintext and its padding at most
 * {@value #MAX_PLAINTEXT_BYTES} bytes. Each HKDF here needs one block of output, so HKDF-Expand is
 * one HMAC. Safe for use from many threads: the JCA objects are per thread.
 */
public final class WebPushEncryptor {

  /** The record size written in the header (RFC 8291 §4: at least 18 + 86; 4096 by custom). */
  static final int RECORD_SIZE = 4_096;

  static final int SALT_BYTES = 16;
  static final int HEADER_BYTES = SALT_BYTES + 4 + 1 + P256.PUBLIC_KEY_BYTES;
  static final int TAG_BYTES = 16;

  /** The largest plaintext (with padding) whose body fits 4,096 bytes. */
  public static final int MAX_PLAINTEXT_BYTES = RECORD_SIZE - HEADER_BYTES - TAG_BYTES - 1;

  private static final byte[] KEY_INFO = "WebPush: info\0".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CEK_INFO =
      "Content-Encoding: aes128gcm\0\1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NONCE_INFO =
      "Content-Encoding: nonce\0\1".getBytes(StandardCharsets.US_ASCII);

  private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(WebPushEncryptor::newHmac);
  private static final ThreadLocal<Cipher> GCM = ThreadLocal.withInitial(WebPushEncryptor::newGcm);
  private static final ThreadLocal<SecureRandom> RANDOM =
      ThreadLocal.withInitial(SecureRandom::new);

  private final EcdhAgreement ecdh;

  private WebPushEncryptor(EcdhAgreement ecdh) {
    this.ecdh = ecdh;
  }

  /**
   * The P-256 that encryptors use: BoringSSL's through Conscrypt, the fastest measured, where its
   * native library loads; BouncyCastle's, the fastest in pure Java, elsewhere (see BENCHMARKS.md).
   */
  private static final EcdhAgreement FASTEST =
      ConscryptEcdh.load().<EcdhAgreement>map(ecdh -> ecdh).orElseGet(BouncyCastleEcdh::new);

  /** The encryptor on the fastest P-256 this platform has. */
  public static WebPushEncryptor create() {
    return new WebPushEncryptor(FASTEST);
  }

  /** Which P-256 {@link #create()} uses, for the server's log: "conscrypt" or "bouncycastle". */
  public static String p256Implementation() {
    return FASTEST instanceof ConscryptEcdh ? "conscrypt" : "bouncycastle";
  }

  /** An encryptor on a given ECDH implementation: for the benchmark. */
  static WebPushEncryptor using(EcdhAgreement ecdh) {
    return new WebPushEncryptor(ecdh);
  }

  /**
   * The aes128gcm body that carries {@code plaintext} to {@code subscription}, with a fresh key
   * pair and salt.
   *
   * @throws IllegalArgumentException when the plaintext is longer than {@link #MAX_PLAINTEXT_BYTES}
   */
  public byte[] encrypt(PushSubscription subscription, byte[] plaintext) {
    return encrypt(subscription, plaintext, 0);
  }

  /**
   * As {@link #encrypt(PushSubscription, byte[])}, with {@code paddingBytes} zero bytes after the
   * delimiter, so that messages of different lengths can be sent at one length.
   */
  public byte[] encrypt(PushSubscription subscription, byte[] plaintext, int paddingBytes) {
    requireFits(plaintext, paddingBytes);
    SecureRandom random = RANDOM.get();
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    EcdhAgreement.Agreement agreement = ecdh.agree(subscription.p256dhShared(), random);
    return seal(subscription, plaintext, paddingBytes, agreement, salt);
  }

  /** The body for a given application-server key and salt: for the RFC's example. */
  static byte[] encrypt(
      PushSubscription subscription, byte[] plaintext, BigInteger asPrivate, byte[] salt) {
    requireFits(plaintext, 0);
    EcdhAgreement.Agreement agreement =
        new BouncyCastleEcdh().agree(subscription.p256dhShared(), asPrivate);
    return seal(subscription, plaintext, 0, agreement, salt);
  }

  private static void requireFits(byte[] plaintext, int paddingBytes) {
    if (paddingBytes < 0) {
      throw new IllegalArgumentException("padding must be at least 0 bytes, was " + paddingBytes);
    }
    if ((long) plaintext.length + paddingBytes > MAX_PLAINTEXT_BYTES) {
      throw new IllegalArgumentException(
          "payload and padding must be at most "
              + MAX_PLAINTEXT_BYTES
              + " bytes, so that the body fits 4096, was "
              + ((long) plaintext.length + paddingBytes));
    }
  }

  private static byte[] seal(
      PushSubscription subscription,
      byte[] plaintext,
      int paddingBytes,
      EcdhAgreement.Agreement agreement,
      byte[] salt) {
    byte[] asPublic = agreement.ephemeralPublicKey();
    Mac hmac = HMAC.get();
    byte[] prkKey = hmac(hmac, subscription.authShared(), agreement.sharedSecret());
    byte[] ikm =
        hmac(hmac, prkKey, KEY_INFO, subscription.p256dhShared(), asPublic, new byte[] {1});
    byte[] prk = hmac(hmac, salt, ikm);
    byte[] cek = Arrays.copyOf(hmac(hmac, prk, CEK_INFO), 16);
    byte[] nonce = Arrays.copyOf(hmac(hmac, prk, NONCE_INFO), 12);

    int recordBytes = plaintext.length + 1 + paddingBytes;
    byte[] body = new byte[HEADER_BYTES + recordBytes + TAG_BYTES];
    System.arraycopy(salt, 0, body, 0, SALT_BYTES);
    body[SALT_BYTES] = (byte) (RECORD_SIZE >>> 24);
    body[SALT_BYTES + 1] = (byte) (RECORD_SIZE >>> 16);
    body[SALT_BYTES + 2] = (byte) (RECORD_SIZE >>> 8);
    body[SALT_BYTES + 3] = (byte) RECORD_SIZE;
    body[SALT_BYTES + 4] = (byte) P256.PUBLIC_KEY_BYTES;
    System.arraycopy(asPublic, 0, body, SALT_BYTES + 5, P256.PUBLIC_KEY_BYTES);
    // The record is built in place after the header (zero padding is already there), then
    // encrypted in place: GCM allows output over its own input.
    System.arraycopy(plaintext, 0, body, HEADER_BYTES, plaintext.length);
    body[HEADER_BYTES + plaintext.length] = 2;
    try {
      Cipher gcm = GCM.get();
      gcm.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(cek, "AES"),
          new GCMParameterSpec(TAG_BYTES * 8, nonce));
      gcm.doFinal(body, HEADER_BYTES, recordBytes, body, HEADER_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-128-GCM failed", e);
    }
    return body;
  }

  private static byte[] hmac(Mac mac, byte[] key, byte[]... parts) {
    try {
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA-256 refused its key", e);
    }
    for (byte[] part : parts) {
      mac.update(part);
    }
    return mac.doFinal();
  }

  private static Mac newHmac() {
    try {
      return Mac.getInstance("HmacSHA256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks HMAC-SHA-256", e);
    }
  }

  private static Cipher newGcm() {
    try {
      return Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks AES-GCM", e);
    }
  }
}
