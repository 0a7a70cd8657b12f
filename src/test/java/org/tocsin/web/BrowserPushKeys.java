package org.tocsin.web;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/** Keys as a browser gives them with a push subscription: a P-256 point and a secret, base64url. */
final class BrowserPushKeys {

  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private BrowserPushKeys() {}

  /** A fresh P-256 public key, uncompressed (65 bytes), base64url: {@code keys.p256dh}. */
  static String p256dh() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      ECPublicKey key = (ECPublicKey) generator.generateKeyPair().getPublic();
      byte[] point = new byte[65];
      point[0] = 4;
      copy(key.getW().getAffineX().toByteArray(), point, 1);
      copy(key.getW().getAffineY().toByteArray(), point, 33);
      return BASE64URL.encodeToString(point);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no P-256", e);
    }
  }

  /** A 16-byte secret of zeros, base64url: {@code keys.auth}. */
  static String auth() {
    return BASE64URL.encodeToString(new byte[16]);
  }

  /** A coordinate's unsigned big-endian bytes, right-aligned in 32. */
  private static void copy(byte[] coordinate, byte[] into, int at) {
    int length = Math.min(coordinate.length, 32);
    System.arraycopy(coordinate, coordinate.length - length, into, at + 32 - length, length);
  }
}
