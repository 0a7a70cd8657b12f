package org.tocsin.delivery;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.tocsin.alert.AlertLevel;
import org.tocsin.store.Database;
import org.tocsin.store.Timestamps;

/**
 * The institutions' webhooks, in table {@code webhook_subscriber}.
 *
 * <p>A secret is 32 random bytes, base64url: it keys the HMAC of every delivery, so the table keeps
 * it as it is (a hash could not sign). The database must be kept to its owner, as the embedded one
 * is ({@code ./data} is closed to others); on PostgreSQL, to the server's role.
 */
public final class Webhooks implements Subscribers {

  /** The most webhooks a server keeps. */
  public static final int MAX_WEBHOOKS = 100_000;

  /** The longest URL accepted, in characters. */
  public static final int MAX_URL_LENGTH = 2_000;

  private static final Pattern SET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
  private static final String COLUMNS =
      "id, url, secret, area_ids, area_set, min_level, created_at";

  private final Database database;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param clock stamps when a webhook was added
   */
  public Webhooks(Database database, Clock clock) {
    this.database = Objects.requireNonNull(database, "database");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Adds a webhook following some areas of the server's set, with a new random secret.
   *
   * @throws IllegalArgumentException when the URL or an area id is malformed, or the table is full
   */
  public WebhookSubscriber addForAreas(String url, List<String> areaIds, AlertLevel minLevel) {
    return add(url, AreaIds.checked("areas", areaIds), Optional.empty(), minLevel);
  }

  /**
   * Adds a webhook following every area of the set named {@code areaSet}, with a new random secret.
   *
   * @throws IllegalArgumentException when the URL or the set's name is malformed, or the table is
   *     full
   */
  public WebhookSubscriber addForSet(String url, String areaSet, AlertLevel minLevel) {
    if (areaSet == null || !SET.matcher(areaSet).matches()) {
      throw new IllegalArgumentException(
          "set: must be 1 to 100 letters, digits, '.', '_' or '-', was '" + areaSet + "'");
    }
    return add(url, List.of(), Optional.of(areaSet), minLevel);
  }

  /**
   * The URL checked: absolute, http or https, with a host, no user information nor fragment.
   *
   * @throws IllegalArgumentException saying which rule it breaks
   */
  public static URI checkedUrl(String url) {
    if (url == null || url.isBlank() || url.length() > MAX_URL_LENGTH) {
      throw new IllegalArgumentException(
          "url: must be 1 to " + MAX_URL_LENGTH + " characters, was '" + url + "'");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("url: is not a URL: " + e.getMessage(), e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("url: must be http:// or https://, was '" + url + "'");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new IllegalArgumentException("url: must name a host, was '" + url + "'");
    }
    if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "url: must hold neither a user name nor a fragment, was '" + url + "'");
    }
    return uri;
  }

  private WebhookSubscriber add(
      String url, List<String> areaIds, Optional<String> areaSet, AlertLevel minLevel) {
    URI uri = checkedUrl(url);
    Objects.requireNonNull(minLevel, "minLevel");
    WebhookSubscriber webhook =
        new WebhookSubscriber(
            "wh_" + randomText(12),
            uri,
            randomText(32),
            areaIds,
            areaSet,
            minLevel,
            clock.instant());
    database.inTransaction(
        "add a webhook",
        connection -> {
          if (count(connection) >= MAX_WEBHOOKS) {
            throw new IllegalArgumentException(
                "there are already " + MAX_WEBHOOKS + " webhooks, the most a server keeps");
          }
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "INSERT INTO webhook_subscriber ("
                      + COLUMNS
                      + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            statement.setString(1, webhook.id());
            statement.setString(2, webhook.url().toString());
            statement.setString(3, webhook.secret());
            statement.setString(4, Sql.joined(webhook.areaIds()));
            statement.setString(5, webhook.areaSet().orElse(null));
            statement.setString(6, webhook.minLevel().id());
            Timestamps.setInstant(statement, 7, webhook.createdAt());
            statement.executeUpdate();
          }
          return null;
        });
    return webhook;
  }

  /** Every webhook, oldest first. */
  public List<WebhookSubscriber> list() {
    return database.inTransaction(
        "list webhooks",
        connection ->
            select(
                connection,
                "SELECT " + COLUMNS + " FROM webhook_subscriber ORDER BY created_at, id",
                s -> {}));
  }

  /** The webhook {@code id}, if there is one. */
  public Optional<WebhookSubscriber> find(String id) {
    return database.inTransaction(
        "find webhook " + id,
        connection ->
            select(
                    connection,
                    "SELECT " + COLUMNS + " FROM webhook_subscriber WHERE id = ?",
                    s -> s.setString(1, id))
                .stream()
                .findFirst());
  }

  /**
   * Removes the webhook and its deliveries not yet made.
   *
   * @return whether there was one
   */
  public boolean remove(String id) {
    return database.inTransaction(
        "remove webhook " + id,
        connection -> {
          Deliveries.dropPending(connection, Channels.WEBHOOK, id);
          try (PreparedStatement statement =
              connection.prepareStatement("DELETE FROM webhook_subscriber WHERE id = ?")) {
            statement.setString(1, id);
            return statement.executeUpdate() > 0;
          }
        });
  }

  @Override
  public List<Subscriber> page(Connection connection, String afterId, int limit)
      throws SQLException {
    List<Subscriber> page = new ArrayList<>();
    for (WebhookSubscriber webhook :
        select(
            connection,
            "SELECT " + COLUMNS + " FROM webhook_subscriber WHERE id > ? ORDER BY id LIMIT ?",
            s -> {
              s.setString(1, afterId);
              s.setInt(2, limit);
            })) {
      page.add(webhook.subscriber());
    }
    return page;
  }

  private static int count(Connection connection) throws SQLException {
    try (PreparedStatement statement =
            connection.prepareStatement("SELECT COUNT(*) FROM webhook_subscriber");
        ResultSet rows = statement.executeQuery()) {
      rows.next();
      return rows.getInt(1);
    }
  }

  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  private static List<WebhookSubscriber> select(Connection connection, String sql, Binder binder)
      throws SQLException {
    List<WebhookSubscriber> found = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      binder.bind(statement);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          found.add(
              new WebhookSubscriber(
                  rows.getString("id"),
                  URI.create(rows.getString("url")),
                  rows.getString("secret"),
                  Sql.split(rows.getString("area_ids")),
                  Optional.ofNullable(rows.getString("area_set")),
                  AlertLevel.valueOf(rows.getString("min_level").toUpperCase(Locale.ROOT)),
                  Timestamps.getInstant(rows, "created_at")));
        }
      }
    }
    return found;
  }

  private String randomText(int bytes) {
    byte[] value = new byte[bytes];
    random.nextBytes(value);
    return BASE64URL.encodeToString(value);
  }
}
