package org.tocsin.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Console sessions: a session token for the cookie and a CSRF token for forms, each 32 random bytes
 * in unpadded base64url (43 characters). The table keeps only their SHA-256 digests, so a copy of
 * it opens no session; the tokens carry 256 random bits, so a fast unsalted digest suffices. A
 * session ends when it has not been used for {@code idleTimeout}: it is valid while {@code now <
 * last_seen_at + idleTimeout}, and each successful {@link #lookup} moves {@code last_seen_at} to
 * now. An account's current role is read at every lookup, so a change of role takes effect at once.
 */
public final class Sessions {

  private static final int TOKEN_BYTES = 32;
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private final Database database;
  private final Clock clock;
  private final Duration idleTimeout;
  private final SecureRandom random = new SecureRandom();

  /** A new session's tokens, shown once: the store cannot give them back. */
  public record Tokens(String sessionToken, String csrfToken) {

    public Tokens {
      Objects.requireNonNull(sessionToken, "sessionToken");
      Objects.requireNonNull(csrfToken, "csrfToken");
    }

    /** Hides the tokens, so that they never reach a log. */
    @Override
    public String toString() {
      return "Tokens[***]";
    }
  }

  /**
   * @param clock stamps sessions and decides when they have gone idle
   * @param idleTimeout how long an unused session stays valid, positive
   * @throws IllegalArgumentException when {@code idleTimeout} is not positive
   */
  public Sessions(Database database, Clock clock, Duration idleTimeout) {
    this.database = Objects.requireNonNull(database, "database");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("idleTimeout must be positive, was " + idleTimeout);
    }
    this.idleTimeout = idleTimeout;
  }

  /**
   * Opens a session for {@code account}, which must exist.
   *
   * @throws StoreException when the account does not exist or the database fails
   */
  public Tokens create(Account account) {
    Objects.requireNonNull(account, "account");
    Tokens tokens = new Tokens(newToken(), newToken());
    Instant now = clock.instant();
    Transactions.inTransaction(
        database,
        "open a session for " + account.name(),
        connection -> {
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "INSERT INTO sessions (token_digest, csrf_digest, account, created_at,"
                      + " last_seen_at) VALUES (?, ?, ?, ?, ?)")) {
            statement.setString(1, digest(tokens.sessionToken()));
            statement.setString(2, digest(tokens.csrfToken()));
            statement.setString(3, account.name());
            Timestamps.setInstant(statement, 4, now);
            Timestamps.setInstant(statement, 5, now);
            statement.executeUpdate();
          }
          return null;
        });
    return tokens;
  }

  /**
   * The account of a live session, with its current role, marking the session used now. An idle
   * session is removed and gives empty, as do a malformed or unknown token.
   */
  public Optional<Account> lookup(String sessionToken) {
    if (!wellFormed(sessionToken)) {
      return Optional.empty();
    }
    String digest = digest(sessionToken);
    return Transactions.inTransaction(
        database,
        "look up a session",
        connection -> {
          Optional<Live> live = read(connection, digest);
          Instant now = clock.instant();
          if (live.isEmpty()) {
            return Optional.<Account>empty();
          }
          if (!now.isBefore(live.get().lastSeenAt.plus(idleTimeout))) {
            delete(connection, digest);
            return Optional.<Account>empty();
          }
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "UPDATE sessions SET last_seen_at = ? WHERE token_digest = ?")) {
            Timestamps.setInstant(statement, 1, now);
            statement.setString(2, digest);
            statement.executeUpdate();
          }
          return Optional.of(live.get().account);
        });
  }

  /**
   * Whether {@code csrfToken} is the one issued with the live session {@code sessionToken},
   * compared in constant time. Does not mark the session used.
   */
  public boolean csrfMatches(String sessionToken, String csrfToken) {
    if (!wellFormed(sessionToken) || csrfToken == null) {
      return false;
    }
    String digest = digest(sessionToken);
    Optional<Live> live =
        Transactions.inTransaction(
            database, "check a CSRF token", connection -> read(connection, digest));
    byte[] given = digest(csrfToken).getBytes(StandardCharsets.US_ASCII);
    byte[] expected =
        live.filter(session -> clock.instant().isBefore(session.lastSeenAt.plus(idleTimeout)))
            .map(session -> session.csrfDigest.getBytes(StandardCharsets.US_ASCII))
            .orElseGet(() -> new byte[given.length]);
    return MessageDigest.isEqual(given, expected) && live.isPresent();
  }

  /**
   * Ends a session (a logout), journalled as an {@code operator-action} in the same commit; an
   * unknown token is ignored.
   */
  public void invalidate(String sessionToken) {
    if (!wellFormed(sessionToken)) {
      return;
    }
    String digest = digest(sessionToken);
    OperatorActions.inOneCommit(
        database,
        clock,
        "end a session",
        (connection, recorder) -> {
          Optional<Live> live = read(connection, digest);
          if (live.isPresent()) {
            delete(connection, digest);
            recorder.record(
                ActionKind.LOGOUT, live.get().account.name(), live.get().account.role());
          }
          return null;
        });
  }

  private record Live(Account account, String csrfDigest, Instant lastSeenAt) {}

  private static Optional<Live> read(Connection connection, String digest) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT s.csrf_digest, s.last_seen_at, a.name, a.role, a.created_at"
                + " FROM sessions s JOIN accounts a ON a.name = s.account"
                + " WHERE s.token_digest = ?")) {
      statement.setString(1, digest);
      try (ResultSet rows = statement.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Live(
                new Account(
                    rows.getString("name"),
                    Role.fromId(rows.getString("role")),
                    Timestamps.getInstant(rows, "created_at")),
                rows.getString("csrf_digest"),
                Timestamps.getInstant(rows, "last_seen_at")));
      }
    }
  }

  private static void delete(Connection connection, String digest) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("DELETE FROM sessions WHERE token_digest = ?")) {
      statement.setString(1, digest);
      statement.executeUpdate();
    }
  }

  private String newToken() {
    byte[] bytes = new byte[TOKEN_BYTES];
    random.nextBytes(bytes);
    return BASE64URL.encodeToString(bytes);
  }

  private static boolean wellFormed(String token) {
    return token != null && TOKEN.matcher(token).matches();
  }

  /** SHA-256 of the token's ASCII, in lower-case hex. */
  static String digest(String token) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
