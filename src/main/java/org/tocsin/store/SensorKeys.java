package org.tocsin.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * API keys of the sensors allowed to report, and of the upstream authorities allowed to post CAP:
 * each key opens only its holder's endpoint ({@link KeyHolder}), and the names of both share one
 * table.
 *
 * <p>A key is {@code <key id>.<secret>}: a 9-byte random id, by which the sensor is found, and 32
 * random bytes, both base64url without padding (12 + 1 + 43 characters). The table keeps the id, a
 * 16-byte random salt and SHA-256(salt ‖ secret), never the secret. A slow password hash such as
 * PBKDF2 protects guessable secrets; these have 256 random bits, beyond any guessing, and a slow
 * hash would only slow every ingest request. Hashes are compared in constant time.
 */
public final class SensorKeys {

  private static final String ALGORITHM = "sha256-salted";
  private static final int ID_BYTES = 9;
  private static final int SECRET_BYTES = 32;
  private static final int SALT_BYTES = 16;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  private static final Pattern KEY = Pattern.compile("([A-Za-z0-9_-]{12})\\.([A-Za-z0-9_-]{43})");
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private final Database database;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param clock stamps when a sensor was added
   */
  public SensorKeys(Database database, Clock clock) {
    this.database = Objects.requireNonNull(database, "database");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Adds a sensor with a new random key and returns the key: the only time it can be seen.
   *
   * @param name 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit
   * @throws IllegalArgumentException when the name is malformed or already taken
   */
  public String add(String name) {
    return add(name, KeyHolder.SENSOR);
  }

  /**
   * Adds a sensor or an upstream authority with a new random key and returns the key.
   *
   * @throws IllegalArgumentException as {@link #add(String)}
   */
  public String add(String name, KeyHolder holder) {
    Objects.requireNonNull(holder, "holder");
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          holder.noun()
              + " name must be 1 to 100 letters, digits, '.', '_' or '-', starting with a letter"
              + " or digit, was '"
              + name
              + "'");
    }
    String keyId = BASE64URL.encodeToString(randomBytes(ID_BYTES));
    String secret = BASE64URL.encodeToString(randomBytes(SECRET_BYTES));
    byte[] salt = randomBytes(SALT_BYTES);
    Transactions.inTransaction(
        database,
        "add " + holder.column() + " " + name,
        connection -> {
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "INSERT INTO sensor (name, key_id, key_salt, key_hash, hash_algorithm,"
                      + " created_at, role) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            statement.setString(1, name);
            statement.setString(2, keyId);
            statement.setBytes(3, salt);
            statement.setBytes(4, hash(salt, secret));
            statement.setString(5, ALGORITHM);
            Timestamps.setInstant(statement, 6, clock.instant());
            statement.setString(7, holder.column());
            statement.executeUpdate();
          } catch (SQLException e) {
            if (Transactions.isUniqueViolation(e)) {
              throw new IllegalArgumentException(
                  "name '" + name + "' is taken: sensors and upstream authorities share names", e);
            }
            throw e;
          }
          return null;
        });
    return keyId + "." + secret;
  }

  /** The name of the sensor that holds {@code key}, or empty for a wrong or malformed key. */
  public Optional<String> authenticate(String key) {
    return authenticate(key, KeyHolder.SENSOR);
  }

  /**
   * The name of the {@code holder} that holds {@code key}, or empty for a wrong or malformed key
   * and for a key of another kind of holder.
   */
  public Optional<String> authenticate(String key, KeyHolder holder) {
    var parts = key == null ? null : KEY.matcher(key);
    if (parts == null || !parts.matches()) {
      return Optional.empty();
    }
    String keyId = parts.group(1);
    String secret = parts.group(2);
    Optional<Stored> stored = find(keyId);
    // Hash even for an unknown id, so that the answer takes about as long either way.
    byte[] salt = stored.map(Stored::salt).orElseGet(() -> new byte[SALT_BYTES]);
    byte[] expected = stored.map(Stored::hash).orElseGet(() -> new byte[0]);
    boolean matches = MessageDigest.isEqual(hash(salt, secret), expected);
    return matches && stored.get().holder().equals(holder.column())
        ? stored.map(Stored::name)
        : Optional.empty();
  }

  private record Stored(String name, byte[] salt, byte[] hash, String holder) {}

  private Optional<Stored> find(String keyId) {
    return Transactions.inTransaction(
        database,
        "look up a sensor key",
        connection -> {
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "SELECT name, key_salt, key_hash, hash_algorithm, role FROM sensor"
                      + " WHERE key_id = ?")) {
            statement.setString(1, keyId);
            try (ResultSet rows = statement.executeQuery()) {
              if (!rows.next() || !ALGORITHM.equals(rows.getString("hash_algorithm"))) {
                return Optional.<Stored>empty();
              }
              return Optional.of(
                  new Stored(
                      rows.getString("name"),
                      rows.getBytes("key_salt"),
                      rows.getBytes("key_hash"),
                      rows.getString("role")));
            }
          }
        });
  }

  private byte[] randomBytes(int count) {
    byte[] bytes = new byte[count];
    random.nextBytes(bytes);
    return bytes;
  }

  private static byte[] hash(byte[] salt, String secret) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(salt);
      return sha256.digest(secret.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
