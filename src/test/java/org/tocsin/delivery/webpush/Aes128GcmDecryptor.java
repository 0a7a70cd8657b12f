package org.tocsin.delivery.webpush;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The user agent's half of RFC 8291, written apart from the encryptor and on the JDK's own ECDH, so
 * that a round trip checks one implementation against another.
 */
public final class Aes128GcmDecryptor {

  private Aes128GcmDecryptor() {}

  /**
   * The plaintext of {@code body}, for the user agent whose keys are {@code ua} and {@code auth}.
   */
  public static byte[] decrypt(byte[] body, KeyPair ua, byte[] auth) throws Exception {
    ByteBuffer in = ByteBuffer.wrap(body);
    byte[] salt = new byte[16];
    in.get(salt);
    int rs = in.getInt();
    int idlen = in.get() & 0xff;
    byte[] asPublic = new byte[idlen];
    in.get(asPublic);
    byte[] record = new byte[in.remaining()];
    in.get(record);
    if (rs < 18 || record.length > rs) {
      throw new IllegalArgumentException("one record of at most rs bytes expected");
    }
    byte[] uaPublic = JdkEcdh.uncompressed((java.security.interfaces.ECPublicKey) ua.getPublic());
    byte[] secret = ecdh(ua.getPrivate(), asPublic);
    byte[] prkKey = hmac(auth, secret);
    byte[] ikm =
        hmac(
            prkKey,
            concat(
                "WebPush: info\0".getBytes(StandardCharsets.US_ASCII),
                uaPublic,
                asPublic,
                new byte[] {1}));
    byte[] prk = hmac(salt, ikm);
    byte[] cek =
        Arrays.copyOf(
            hmac(prk, "Content-Encoding: aes128gcm\0\1".getBytes(StandardCharsets.US_ASCII)), 16);
    byte[] nonce =
        Arrays.copyOf(
            hmac(prk, "Content-Encoding: nonce\0\1".getBytes(StandardCharsets.US_ASCII)), 12);
    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
    gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
    byte[] padded = gcm.doFinal(record);
    int end = padded.length - 1;
    while (end >= 0 && padded[end] == 0) {
      end--;
    }
    if (end < 0 || padded[end] != 2) {
      throw new IllegalArgumentException("the last record must end with the delimiter 0x02");
    }
    return Arrays.copyOf(padded, end);
  }

  private static byte[] ecdh(PrivateKey own, byte[] peer) throws Exception {
    ECPoint w =
        new ECPoint(
            new BigInteger(1, Arrays.copyOfRange(peer, 1, 33)),
            new BigInteger(1, Arrays.copyOfRange(peer, 33, 65)));
    var spec = new ECPublicKeySpec(w, ((ECPrivateKey) own).getParams());
    KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
    agreement.init(own);
    agreement.doPhase(KeyFactory.getInstance("EC").generatePublic(spec), true);
    return agreement.generateSecret();
  }

  private static byte[] hmac(byte[] key, byte[] data) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data);
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    ByteBuffer out = ByteBuffer.allocate(length);
    for (byte[] part : parts) {
      out.put(part);
    }
    return out.array();
  }
}
