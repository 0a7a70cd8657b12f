package org.tocsin.delivery.webpush;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;

/** Browsers' key pairs and subscriptions, made up for tests. */
public final class UserAgents {

  private static final SecureRandom RANDOM = new SecureRandom();

  private UserAgents() {}

  public static KeyPair keyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static byte[] auth() {
    byte[] auth = new byte[16];
    RANDOM.nextBytes(auth);
    return auth;
  }

  public static PushSubscription subscription(String endpoint, KeyPair keys, byte[] auth) {
    return new PushSubscription(
        java.net.URI.create(endpoint), JdkEcdh.uncompressed((ECPublicKey) keys.getPublic()), auth);
  }
}
