package org.tocsin.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sensor API keys held in memory as SHA-256 digests (the keys themselves are not kept), for tests
 * and the load driver; servers use the store's {@code SensorKeys}. Keys are 32 random bytes,
 * base64url: digests of such keys need no salt or stretching, since they cannot be guessed.
 */
final class HashedSensorKeys implements SensorAuthenticator {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, String> sensorByDigest = new ConcurrentHashMap<>();

  /** Makes a new key for {@code sensor}; the only time the key is seen. */
  public String add(String sensor) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String key = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    sensorByDigest.put(digest(key), sensor);
    return key;
  }

  @Override
  public Optional<String> sensorFor(String apiKey) {
    if (apiKey == null || apiKey.isEmpty()) {
      return Optional.empty();
    }
    return Optional.ofNullable(sensorByDigest.get(digest(apiKey)));
  }

  static String digest(String key) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }
}
