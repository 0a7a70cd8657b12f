package org.tocsin.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The messages waiting to be delivered, one per alert event and channel, written with the journal
 * record (see {@link Journal#appendAlertEvent}).
 *
 * <p>Delivery is at least once: a claim leases messages for a while; a deliverer that neither marks
 * them delivered nor failed before the lease runs out (it crashed, say) loses them to the next
 * claim. Receivers drop repeats by the message's idempotency key, which makes the effect exactly
 * once. Claims by several deliverers at once never return the same message: on PostgreSQL they lock
 * the rows with {@code FOR UPDATE SKIP LOCKED} and push the lease forward in the same transaction;
 * the embedded database serves one process, where claims take turns.
 */
public final class Outbox {

  private static final String CLAIM_COLUMNS =
      "SELECT id, channel, idempotency_key, journal_sequence_number, attempts, last_error"
          + " FROM outbox WHERE channel = ? AND status = 'pending' AND next_attempt_at <= ?"
          + " ORDER BY id LIMIT ?";

  private static final String MARK_DELIVERED =
      "UPDATE outbox SET status = 'delivered', delivered_at = ? WHERE id = ? AND status = 'pending'";

  private final Database database;
  private final Clock clock;
  private final Duration lease;

  /**
   * @param clock tells which messages are due and when a lease runs out
   * @param lease how long a claimed message stays with its deliverer, positive
   */
  public Outbox(Database database, Clock clock, Duration lease) {
    this.database = Objects.requireNonNull(database, "database");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("lease must be positive, was " + lease);
    }
    this.lease = lease;
  }

  static String idempotencyKey(String eventId, String channel) {
    return eventId + "/" + channel;
  }

  /**
   * Leases up to {@code limit} due messages for {@code channel}, oldest first, and counts an
   * attempt for each.
   *
   * @throws IllegalArgumentException when {@code limit} is not positive
   */
  public List<OutboxMessage> claim(String channel, int limit) {
    Objects.requireNonNull(channel, "channel");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive, was " + limit);
    }
    Instant now = clock.instant();
    String sql =
        database.dialect() == Dialect.POSTGRESQL
            ? CLAIM_COLUMNS + " FOR UPDATE SKIP LOCKED"
            : CLAIM_COLUMNS + " FOR UPDATE";
    boolean takeTurns = database.dialect() == Dialect.H2;
    if (takeTurns) {
      database.writeLock().lock();
    }
    try {
      return Transactions.inTransaction(
          database,
          "claim outbox messages",
          connection -> {
            List<OutboxMessage> claimed = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
              statement.setString(1, channel);
              Timestamps.setInstant(statement, 2, now);
              statement.setInt(3, limit);
              try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                  claimed.add(
                      new OutboxMessage(
                          rows.getLong("id"),
                          rows.getString("channel"),
                          rows.getString("idempotency_key"),
                          rows.getLong("journal_sequence_number"),
                          "",
                          rows.getInt("attempts") + 1,
                          Optional.ofNullable(rows.getString("last_error"))));
                }
              }
            }
            lease(connection, claimed, now.plus(lease));
            return withPayloads(connection, claimed);
          });
    } finally {
      if (takeTurns) {
        database.writeLock().unlock();
      }
    }
  }

  /**
   * Records that the message was delivered; it is never claimed again. Marking a delivered message
   * again does nothing.
   *
   * @throws IllegalArgumentException when there is no such message
   */
  public void markDelivered(long id) {
    update(
        id,
        MARK_DELIVERED,
        statement -> {
          Timestamps.setInstant(statement, 1, clock.instant());
          statement.setLong(2, id);
        });
  }

  /**
   * As {@link #markDelivered(long)}, inside the caller's transaction (delivery's fan-out marks the
   * message with the deliveries it made): does nothing when the message is not pending.
   */
  public void markDelivered(Connection connection, long id) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(MARK_DELIVERED)) {
      Timestamps.setInstant(statement, 1, clock.instant());
      statement.setLong(2, id);
      statement.executeUpdate();
    }
  }

  /**
   * Records a failed attempt: the message is due again at {@code retryAt}. Does nothing when the
   * message was delivered meanwhile (by another deliverer whose lease came later).
   *
   * @param error why, for operators
   * @throws IllegalArgumentException when there is no such message
   */
  public void markFailed(long id, String error, Instant retryAt) {
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(retryAt, "retryAt");
    update(
        id,
        "UPDATE outbox SET last_error = ?, next_attempt_at = ? WHERE id = ?"
            + " AND status = 'pending'",
        statement -> {
          statement.setString(1, error);
          Timestamps.setInstant(statement, 2, retryAt);
          statement.setLong(3, id);
        });
  }

  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  private void update(long id, String sql, Binder binder) {
    Transactions.inTransaction(
        database,
        "update outbox message " + id,
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            if (statement.executeUpdate() == 0 && !exists(connection, id)) {
              throw new IllegalArgumentException("there is no outbox message " + id);
            }
          }
          return null;
        });
  }

  private static boolean exists(Connection connection, long id) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT 1 FROM outbox WHERE id = ?")) {
      statement.setLong(1, id);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next();
      }
    }
  }

  private static void lease(Connection connection, List<OutboxMessage> claimed, Instant until)
      throws SQLException {
    if (claimed.isEmpty()) {
      return;
    }
    try (PreparedStatement statement =
        connection.prepareStatement(
            "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ? WHERE id = ?")) {
      for (OutboxMessage message : claimed) {
        Timestamps.setInstant(statement, 1, until);
        statement.setLong(2, message.id());
        statement.addBatch();
      }
      statement.executeBatch();
    }
  }

  private static List<OutboxMessage> withPayloads(
      Connection connection, List<OutboxMessage> claimed) throws SQLException {
    List<OutboxMessage> complete = new ArrayList<>(claimed.size());
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT payload FROM journal WHERE sequence_number = ?")) {
      for (OutboxMessage message : claimed) {
        statement.setLong(1, message.journalSequence());
        try (ResultSet rows = statement.executeQuery()) {
          if (!rows.next()) {
            throw new IllegalStateException(
                "outbox message " + message.id() + " has no journal record");
          }
          complete.add(
              new OutboxMessage(
                  message.id(),
                  message.channel(),
                  message.idempotencyKey(),
                  message.journalSequence(),
                  rows.getString(1),
                  message.attempt(),
                  message.lastError()));
        }
      }
    }
    return complete;
  }
}
