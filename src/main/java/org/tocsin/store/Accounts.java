package org.tocsin.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Console accounts, their passwords and the lock-out after repeated failed logins.
 *
 * <p>After {@code maxFailedLogins} wrong passwords in a row an account is locked for {@code
 * lockout}; while locked, every attempt is refused without counting, even with the right password.
 * When the lock-out ends the account has {@code maxFailedLogins} tries again; a successful login
 * resets the count. Each creation, login, failed login and lock is journalled as an {@code
 * operator-action} record in the same commit as the change it describes (see {@link
 * OperatorActions}), so the hash-chained audit trail has them all. Attempts on unknown names are
 * journalled too, and cost one Argon2id hash like any other, so timing does not tell whether a name
 * exists.
 */
public final class Accounts {

  private static final Pattern NAME = Pattern.compile("[a-z0-9._-]{3,64}");
  private static final String NAME_RULE = "3 to 64 lower-case letters, digits, '.', '_' or '-'";

  private final Database database;
  private final Clock clock;
  private final int maxFailedLogins;
  private final Duration lockout;
  private final PasswordHasher hasher;
  private final String decoyHash;

  /**
   * @param clock stamps creation and decides when a lock-out ends
   * @param maxFailedLogins consecutive wrong passwords that lock an account, at least 1
   * @param lockout how long a locked account stays locked, positive
   * @throws IllegalArgumentException when {@code maxFailedLogins} or {@code lockout} is out of
   *     range
   */
  public Accounts(Database database, Clock clock, int maxFailedLogins, Duration lockout) {
    this(database, clock, maxFailedLogins, lockout, new PasswordHasher());
  }

  Accounts(
      Database database,
      Clock clock,
      int maxFailedLogins,
      Duration lockout,
      PasswordHasher hasher) {
    this.database = Objects.requireNonNull(database, "database");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (maxFailedLogins < 1) {
      throw new IllegalArgumentException(
          "maxFailedLogins must be at least 1, was " + maxFailedLogins);
    }
    if (lockout.isNegative() || lockout.isZero()) {
      throw new IllegalArgumentException("lockout must be positive, was " + lockout);
    }
    this.maxFailedLogins = maxFailedLogins;
    this.lockout = lockout;
    this.hasher = Objects.requireNonNull(hasher, "hasher");
    this.decoyHash = hasher.hash("decoy-password-never-matches".toCharArray());
  }

  /**
   * Creates an account. The caller may wipe {@code password} afterwards.
   *
   * @param name 3 to 64 lower-case letters, digits, '.', '_' or '-'
   * @throws IllegalArgumentException when the name is malformed or taken, or the password is
   *     shorter than {@link PasswordHasher#MIN_LENGTH}
   */
  public Account create(String name, Role role, char[] password) {
    requireValidName(name);
    Objects.requireNonNull(role, "role");
    String hash = hasher.hash(password);
    return OperatorActions.inOneCommit(
        database,
        clock,
        "create account " + name,
        (connection, recorder) -> {
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "INSERT INTO accounts (name, role, password_hash, failed_logins, created_at)"
                      + " VALUES (?, ?, ?, 0, ?)")) {
            statement.setString(1, name);
            statement.setString(2, role.id());
            statement.setString(3, hash);
            Transactions.setInstant(statement, 4, recorder.at());
            statement.executeUpdate();
          } catch (SQLException e) {
            if (Transactions.isUniqueViolation(e)) {
              throw new IllegalArgumentException("account '" + name + "' already exists", e);
            }
            throw e;
          }
          recorder.record("account-created", name, role);
          return new Account(name, role, recorder.at());
        });
  }

  /** The account named {@code name}, if there is one. */
  public Optional<Account> find(String name) {
    return Transactions.inTransaction(
            database, "look up an account", connection -> read(connection, name, false))
        .map(Stored::account);
  }

  /**
   * Checks a password and counts a wrong one (see the class description for the lock-out). The
   * caller may wipe {@code password} afterwards.
   */
  public LoginResult authenticate(String name, char[] password) {
    Optional<Stored> before =
        name == null || !NAME.matcher(name).matches()
            ? Optional.empty()
            : Transactions.inTransaction(
                database, "look up an account", connection -> read(connection, name, false));
    // Hash whatever happens, so that every answer takes about as long.
    boolean matches =
        hasher.verify(
            password == null ? new char[0] : password,
            before.map(Stored::passwordHash).orElse(decoyHash));
    if (before.isEmpty()) {
      return OperatorActions.inOneCommit(
          database,
          clock,
          "journal a failed login",
          (connection, recorder) -> {
            recorder.record("login-failed", validNameOrNull(name), null, "reason", "unknown");
            return new LoginResult.Unknown();
          });
    }
    return OperatorActions.inOneCommit(
        database,
        clock,
        "record a login of " + name,
        (connection, recorder) -> settle(connection, recorder, name, matches));
  }

  /** Decides the attempt on the row as it is now, locked, and records the outcome. */
  private LoginResult settle(
      Connection connection, OperatorActions.Recorder recorder, String name, boolean matches)
      throws SQLException {
    Optional<Stored> row = read(connection, name, true);
    if (row.isEmpty()) {
      recorder.record("login-failed", name, null, "reason", "unknown");
      return new LoginResult.Unknown();
    }
    Stored stored = row.get();
    Role role = stored.account.role();
    Instant now = recorder.at();
    if (stored.lockedUntil != null && now.isBefore(stored.lockedUntil)) {
      recorder.record("login-failed", name, role, "reason", "locked");
      return new LoginResult.Locked(stored.lockedUntil);
    }
    if (matches) {
      update(connection, name, 0, null);
      recorder.record("login", name, role);
      return new LoginResult.Ok(stored.account);
    }
    int failures = stored.failedLogins + 1;
    recorder.record("login-failed", name, role, "reason", "wrong-password");
    if (failures >= maxFailedLogins) {
      Instant until = now.plus(lockout);
      update(connection, name, 0, until);
      recorder.record("account-locked", name, role, "until", until.toString());
      return new LoginResult.Locked(until);
    }
    update(connection, name, failures, null);
    return new LoginResult.Wrong(maxFailedLogins - failures);
  }

  private record Stored(
      Account account, String passwordHash, int failedLogins, Instant lockedUntil) {}

  private static Optional<Stored> read(Connection connection, String name, boolean forUpdate)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT name, role, password_hash, failed_logins, locked_until, created_at"
                + " FROM accounts WHERE name = ?"
                + (forUpdate ? " FOR UPDATE" : ""))) {
      statement.setString(1, name);
      try (ResultSet rows = statement.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Stored(
                new Account(
                    rows.getString("name"),
                    Role.fromId(rows.getString("role")),
                    Transactions.getInstant(rows, "created_at")),
                rows.getString("password_hash"),
                rows.getInt("failed_logins"),
                Transactions.getInstant(rows, "locked_until")));
      }
    }
  }

  private static void update(
      Connection connection, String name, int failedLogins, Instant lockedUntil)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "UPDATE accounts SET failed_logins = ?, locked_until = ? WHERE name = ?")) {
      statement.setInt(1, failedLogins);
      if (lockedUntil == null) {
        statement.setNull(2, Types.TIMESTAMP_WITH_TIMEZONE);
      } else {
        Transactions.setInstant(statement, 2, lockedUntil);
      }
      statement.setString(3, name);
      statement.executeUpdate();
    }
  }

  /**
   * Checks an account name without looking it up, so that a command can refuse it before asking for
   * a password.
   *
   * @throws IllegalArgumentException saying the rule when the name is malformed
   */
  public static void requireValidName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "account name must be " + NAME_RULE + ", was '" + name + "'");
    }
  }

  /** A name worth journalling: only one that could be an account's, never arbitrary input. */
  private static String validNameOrNull(String name) {
    return name != null && NAME.matcher(name).matches() ? name : null;
  }
}
