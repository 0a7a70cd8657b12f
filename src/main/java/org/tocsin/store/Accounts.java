package org.tocsin.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Console accounts, their passwords, and the journal of logins.
 *
 * <p>An account is never locked: a lock after repeated failures lets anyone who knows a name keep
 * its owner out, an approver during an attack included. Guessing is slowed instead by growing
 * delays per client address and account, which the web layer applies before it asks here ({@code
 * LoginThrottle}), and bounded by the cap on concurrent hashing in {@link PasswordHasher}. The
 * count of wrong passwords in a row is still kept, and journalled with each failure, for the audit.
 *
 * <p>Each creation, login and failed login of an existing account is journalled as an {@code
 * operator-action} record in the same commit as the change it describes (see {@link
 * OperatorActions}), so the hash-chained audit trail has them all. Attempts on unknown names cost
 * one Argon2id hash like any other, so timing does not tell whether a name exists, but they are
 * journalled together, one {@code login-failed-unknown-names} record per interval with the count
 * from each address (see {@link UnknownNameFailures}): a flood of made-up names must not cost a
 * journal write each.
 */
public final class Accounts {

  /** How long failures on unknown names are gathered before they are journalled together. */
  public static final Duration UNKNOWN_NAMES_INTERVAL = Duration.ofMinutes(1);

  private static final Pattern NAME = Pattern.compile("[a-z0-9._-]{3,64}");
  private static final String NAME_RULE = "3 to 64 lower-case letters, digits, '.', '_' or '-'";

  private final Database database;
  private final Clock clock;
  private final PasswordHasher hasher;
  private final String decoyHash;
  private final UnknownNameFailures unknownNames;

  /**
   * @param clock stamps creation and the journal's records
   */
  public Accounts(Database database, Clock clock) {
    this(database, clock, new PasswordHasher());
  }

  Accounts(Database database, Clock clock, PasswordHasher hasher) {
    this.database = Objects.requireNonNull(database, "database");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.hasher = Objects.requireNonNull(hasher, "hasher");
    this.decoyHash = hasher.hash("decoy-password-never-matches".toCharArray());
    this.unknownNames = new UnknownNameFailures(UNKNOWN_NAMES_INTERVAL);
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
            Timestamps.setInstant(statement, 4, recorder.at());
            statement.executeUpdate();
          } catch (SQLException e) {
            if (Transactions.isUniqueViolation(e)) {
              throw new IllegalArgumentException("account '" + name + "' already exists", e);
            }
            throw e;
          }
          recorder.record(ActionKind.ACCOUNT_CREATED, name, role);
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
   * Checks a password, counting a wrong one. The caller may wipe {@code password} afterwards.
   *
   * @param from the client's address, for the journal
   * @return {@link LoginResult.Busy} rather than waiting on when the hashing stays taken
   */
  public LoginResult authenticate(String name, char[] password, String from) {
    Objects.requireNonNull(from, "from");
    Optional<Stored> before =
        name == null || !NAME.matcher(name).matches()
            ? Optional.empty()
            : Transactions.inTransaction(
                database, "look up an account", connection -> read(connection, name, false));
    boolean matches;
    try {
      // Hash whatever happens, so that every answer takes about as long.
      matches =
          hasher.verify(
              password == null ? new char[0] : password,
              before.map(Stored::passwordHash).orElse(decoyHash));
    } catch (PasswordHashingBusyException e) {
      return new LoginResult.Busy();
    }
    if (before.isEmpty()) {
      // Close an interval that has ended before this failure opens the next.
      journalDueUnknownNameFailures();
      unknownNames.count(from, clock.instant());
      return new LoginResult.Unknown();
    }
    return OperatorActions.inOneCommit(
        database,
        clock,
        "record a login of " + name,
        (connection, recorder) -> settle(connection, recorder, name, matches, from));
  }

  /**
   * Journals the failures on unknown names gathered over an interval that has ended, if any: a
   * server calls it now and then, so that the last ones of a flood are journalled without waiting
   * for another attempt.
   */
  public void journalDueUnknownNameFailures() {
    unknownNames.takeIfDue(clock.instant()).ifPresent(this::journal);
  }

  /** Journals the failures on unknown names gathered so far, ended interval or not: at shutdown. */
  public void journalUnknownNameFailuresNow() {
    unknownNames.takeAll(clock.instant()).ifPresent(this::journal);
  }

  private void journal(UnknownNameFailures.Tally tally) {
    OperatorActions.inOneCommit(
        database,
        clock,
        "journal failed logins on unknown names",
        (connection, recorder) -> {
          recorder.record(ActionKind.LOGIN_FAILED_UNKNOWN_NAMES, tally.toJson());
          return null;
        });
  }

  /** Decides the attempt on the row as it is now, locked, and records the outcome. */
  private LoginResult settle(
      Connection connection,
      OperatorActions.Recorder recorder,
      String name,
      boolean matches,
      String from)
      throws SQLException {
    Optional<Stored> row = read(connection, name, true);
    if (row.isEmpty()) {
      // Removed since the look-up: an unknown name after all.
      unknownNames.count(from, recorder.at());
      return new LoginResult.Unknown();
    }
    Stored stored = row.get();
    Role role = stored.account.role();
    if (matches) {
      update(connection, name, 0);
      recorder.record(ActionKind.LOGIN, name, role, "from", from);
      return new LoginResult.Ok(stored.account);
    }
    int failures = stored.failedLogins + 1;
    update(connection, name, failures);
    recorder.record(
        ActionKind.LOGIN_FAILED,
        name,
        role,
        "reason",
        "wrong-password",
        "from",
        from,
        "failuresInARow",
        String.valueOf(failures));
    return new LoginResult.Wrong(failures);
  }

  private record Stored(Account account, String passwordHash, int failedLogins) {}

  private static Optional<Stored> read(Connection connection, String name, boolean forUpdate)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT name, role, password_hash, failed_logins, created_at"
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
                    Timestamps.getInstant(rows, "created_at")),
                rows.getString("password_hash"),
                rows.getInt("failed_logins")));
      }
    }
  }

  /**
   * Stores the count of wrong passwords in a row. {@code locked_until}, which older versions set,
   * is cleared: no account stays locked by them.
   */
  private static void update(Connection connection, String name, int failedLogins)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "UPDATE accounts SET failed_logins = ?, locked_until = NULL WHERE name = ?")) {
      statement.setInt(1, failedLogins);
      statement.setString(2, name);
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
}
