package org.tocsin.delivery;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.tocsin.store.Database;
import org.tocsin.store.Timestamps;

/**
 * People's Web Push subscriptions, in table {@code push_subscription}, bounded: a few per endpoint
 * (one browser), a few dozen per client address, a million in all.
 *
 * <p>Whoever made a subscription removes it with the bearer token it was given; the table keeps the
 * token's SHA-256 only (the token has 256 random bits, beyond guessing, so a fast hash suffices),
 * compared in constant time.
 */
public final class PushSubscriptions implements Subscribers {

  /** How many subscriptions one endpoint may hold (one browser, a few sets of areas). */
  public static final int MAX_PER_ENDPOINT = 4;

  /** How many subscriptions one client address may make. */
  public static final int MAX_PER_CLIENT = 32;

  /** The most subscriptions a server keeps. */
  public static final int MAX_SUBSCRIPTIONS = 1_000_000;

  private static final Pattern BASE64URL_TEXT = Pattern.compile("[A-Za-z0-9_-]+=*");
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
  private static final String COLUMNS =
      "id, endpoint, p256dh, auth, area_ids, client_address, created_at";

  private final Database database;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  /** A subscription made, and the token that removes it: the only time the token is seen. */
  public record Added(PushSubscription subscription, String token) {}

  /**
   * @param clock stamps when a subscription was made
   */
  public PushSubscriptions(Database database, Clock clock) {
    this.database = Objects.requireNonNull(database, "database");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Stores a subscription. The caller checks that the area ids are in the server's set.
   *
   * @param endpoint https, or http on a loopback address (for tests)
   * @param p256dh the uncompressed P-256 point, 65 bytes, base64url
   * @param auth the 16-byte authentication secret, base64url
   * @param clientAddress who asks, for the per-client limit
   * @throws IllegalArgumentException naming the field when a value is malformed, or a limit is
   *     reached
   */
  public Added add(
      String endpoint, String p256dh, String auth, List<String> areaIds, String clientAddress) {
    URI uri = checkedEndpoint(endpoint);
    requireKey("keys.p256dh", p256dh, 65);
    requireKey("keys.auth", auth, 16);
    List<String> areas = AreaIds.checked("areas", areaIds);
    Objects.requireNonNull(clientAddress, "clientAddress");
    if (clientAddress.length() > 100) {
      throw new IllegalArgumentException("client address must be at most 100 characters");
    }
    String token = randomText(32);
    PushSubscription subscription =
        new PushSubscription(
            "ps_" + randomText(12), uri, p256dh, auth, areas, clientAddress, clock.instant());
    database.inTransaction(
        "add a push subscription",
        connection -> {
          requireBelow(connection, "endpoint = ?", uri.toString(), MAX_PER_ENDPOINT, "endpoint");
          requireBelow(
              connection, "client_address = ?", clientAddress, MAX_PER_CLIENT, "client address");
          requireBelow(connection, "1 = 1", null, MAX_SUBSCRIPTIONS, "server");
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "INSERT INTO push_subscription ("
                      + COLUMNS
                      + ", token_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            statement.setString(1, subscription.id());
            statement.setString(2, uri.toString());
            statement.setString(3, p256dh);
            statement.setString(4, auth);
            statement.setString(5, Sql.joined(areas));
            statement.setString(6, clientAddress);
            Timestamps.setInstant(statement, 7, subscription.createdAt());
            statement.setString(8, sha256(token));
            statement.executeUpdate();
          }
          return null;
        });
    return new Added(subscription, token);
  }

  /** The subscription {@code id}, if there is one. */
  public Optional<PushSubscription> find(String id) {
    return database.inTransaction(
        "find push subscription",
        connection -> {
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "SELECT " + COLUMNS + " FROM push_subscription WHERE id = ?")) {
            statement.setString(1, id);
            try (ResultSet rows = statement.executeQuery()) {
              return rows.next() ? Optional.of(read(rows)) : Optional.<PushSubscription>empty();
            }
          }
        });
  }

  /**
   * Removes the subscription if {@code token} is the one it was made with, with its deliveries not
   * yet made.
   *
   * @return whether it was removed: false for an unknown id or a wrong token alike
   */
  public boolean remove(String id, String token) {
    return database.inTransaction(
        "remove a push subscription",
        connection -> {
          String stored;
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "SELECT token_hash FROM push_subscription WHERE id = ?")) {
            statement.setString(1, id);
            try (ResultSet rows = statement.executeQuery()) {
              stored = rows.next() ? rows.getString(1) : "";
            }
          }
          boolean matches =
              MessageDigest.isEqual(
                  sha256(token == null ? "" : token).getBytes(StandardCharsets.US_ASCII),
                  stored.getBytes(StandardCharsets.US_ASCII));
          return matches && delete(connection, id);
        });
  }

  /** Removes the subscription whatever the token: the push service said it is gone. */
  public boolean removeGone(String id) {
    return database.inTransaction("remove a gone push subscription", c -> delete(c, id));
  }

  @Override
  public List<Subscriber> page(Connection connection, String afterId, int limit)
      throws SQLException {
    List<Subscriber> page = new ArrayList<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT " + COLUMNS + " FROM push_subscription WHERE id > ? ORDER BY id LIMIT ?")) {
      statement.setString(1, afterId);
      statement.setInt(2, limit);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          page.add(read(rows).subscriber());
        }
      }
    }
    return page;
  }

  /**
   * The endpoint checked: https, or http on a loopback address (a test's push service), by the same
   * rules the sender applies ({@link
   * org.tocsin.delivery.webpush.PushSubscription#checkedEndpoint}).
   *
   * @throws IllegalArgumentException saying which rule it breaks
   */
  public static URI checkedEndpoint(String endpoint) {
    return org.tocsin.delivery.webpush.PushSubscription.checkedEndpoint(endpoint);
  }

  private static void requireKey(String field, String value, int bytes) {
    if (value == null || value.length() > 200 || !BASE64URL_TEXT.matcher(value).matches()) {
      throw new IllegalArgumentException(field + ": must be base64url text");
    }
    byte[] decoded;
    try {
      decoded = Base64.getUrlDecoder().decode(value.replace("=", ""));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + ": must be base64url text", e);
    }
    if (decoded.length != bytes) {
      throw new IllegalArgumentException(
          field + ": must be " + bytes + " bytes, was " + decoded.length);
    }
    if (bytes == 65 && decoded[0] != 0x04) {
      throw new IllegalArgumentException(field + ": must be an uncompressed P-256 point (0x04…)");
    }
  }

  private static void requireBelow(
      Connection connection, String where, String value, int limit, String what)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT COUNT(*) FROM push_subscription WHERE " + where)) {
      if (value != null) {
        statement.setString(1, value);
      }
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        if (rows.getInt(1) >= limit) {
          throw new IllegalArgumentException(
              "this " + what + " already has " + limit + " push subscriptions, the most allowed");
        }
      }
    }
  }

  private static boolean delete(Connection connection, String id) throws SQLException {
    Deliveries.dropPending(connection, Channels.PUSH, id);
    try (PreparedStatement statement =
        connection.prepareStatement("DELETE FROM push_subscription WHERE id = ?")) {
      statement.setString(1, id);
      return statement.executeUpdate() > 0;
    }
  }

  private static PushSubscription read(ResultSet rows) throws SQLException {
    return new PushSubscription(
        rows.getString("id"),
        URI.create(rows.getString("endpoint")),
        rows.getString("p256dh"),
        rows.getString("auth"),
        Sql.split(rows.getString("area_ids")),
        rows.getString("client_address"),
        Timestamps.getInstant(rows, "created_at"));
  }

  private String randomText(int bytes) {
    byte[] value = new byte[bytes];
    random.nextBytes(value);
    return BASE64URL.encodeToString(value);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
