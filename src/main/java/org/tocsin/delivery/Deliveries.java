package org.tocsin.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.tocsin.store.Database;
import org.tocsin.store.Timestamps;

/**
 * The deliveries, in table {@code delivery}: one per subscriber and alert event, made by the
 * fan-out, claimed for attempts, finished as delivered or dead.
 *
 * <p>Order per subscriber: a delivery is due only when no earlier one (in journal order) of the
 * same subscriber is pending, so a claim returns at most one delivery per subscriber, and the next
 * waits until the one before is delivered or dead. A claim leases what it returns (pushes {@code
 * next_attempt_at} forward); a worker that dies mid-attempt loses its deliveries to the next claim
 * after the lease, which repeats them under the same idempotency key. On PostgreSQL several
 * processes claim at once with {@code FOR UPDATE SKIP LOCKED}; the embedded database serves one
 * process, whose claims take turns.
 */
final class Deliveries {

  /** A delivery to be made by the fan-out. */
  record New(
      String channel,
      String subscriberId,
      String eventId,
      String threatId,
      long journalSequence,
      String payloadJson,
      Instant eventTime) {

    String idempotencyKey() {
      return eventId + "/" + channel + "/" + subscriberId;
    }

    int partition() {
      return DeliveryPartitions.of(subscriberId);
    }
  }

  /**
   * The due deliveries of some partitions ({@code IN} list appended) that head their subscriber's
   * queue. The head test is a correlated scalar subquery, which both databases run per candidate
   * through index {@code delivery_order}, and the order is that of index {@code delivery_due}, all
   * its columns named (H2 reads an index in order only then: otherwise it sorts every due row, a
   * second a claim for 30,000), so a claim reads about as many rows as it returns whatever the
   * statistics say (an anti-join planned on a table analysed while empty visited every pending row
   * for every pending row: minutes for 30,000). A node that owns a share of the partitions reads
   * the others' rows too and passes over them: about COUNT / owned rows read per row returned.
   */
  private static final String DUE =
      "SELECT d.id, d.subscriber_id, d.idempotency_key, d.payload, d.event_time, d.attempts,"
          + " d.created_at FROM delivery d WHERE d.channel = ? AND d.status = 'pending'"
          + " AND d.next_attempt_at <= ? AND d.journal_sequence_number = (SELECT"
          + " MIN(e.journal_sequence_number) FROM delivery e WHERE e.channel = d.channel"
          + " AND e.subscriber_id = d.subscriber_id AND e.status = 'pending')"
          + " AND d.subscriber_partition IN (";

  private static final String DUE_ORDER =
      ") ORDER BY d.channel, d.status, d.next_attempt_at, d.journal_sequence_number,"
          + " d.subscriber_partition LIMIT ?";

  /** How many subscribers' deliveries one statement of {@link #fillPartitions} fills. */
  private static final int FILL_BATCH = 500;

  private final Database database;
  private final Clock clock;
  private final Duration lease;
  private final ReentrantLock turns = new ReentrantLock();
  private final ReentrantLock recording = new ReentrantLock();
  private final java.util.Queue<Result> results =
      new java.util.concurrent.ConcurrentLinkedQueue<>();

  /**
   * @param lease how long a claimed delivery stays with its sender: longer than an attempt takes
   */
  Deliveries(Database database, Clock clock, Duration lease) {
    this.database = Objects.requireNonNull(database, "database");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("lease must be positive, was " + lease);
    }
    this.lease = lease;
  }

  /** Inserts deliveries on the fan-out's transaction; one already there (same key) is kept. */
  static int insert(Connection connection, List<New> deliveries, Instant now) throws SQLException {
    if (deliveries.isEmpty()) {
      return 0;
    }
    try (PreparedStatement statement =
        connection.prepareStatement(
            "INSERT INTO delivery (channel, subscriber_id, event_id, threat_id,"
                + " journal_sequence_number, idempotency_key, payload, event_time, status,"
                + " attempts, next_attempt_at, created_at, subscriber_partition)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?)"
                + " ON CONFLICT DO NOTHING")) {
      for (New delivery : deliveries) {
        statement.setString(1, delivery.channel());
        statement.setString(2, delivery.subscriberId());
        statement.setString(3, delivery.eventId());
        statement.setString(4, delivery.threatId());
        statement.setLong(5, delivery.journalSequence());
        statement.setString(6, delivery.idempotencyKey());
        statement.setString(7, delivery.payloadJson());
        Timestamps.setInstant(statement, 8, delivery.eventTime());
        Timestamps.setInstant(statement, 9, now);
        Timestamps.setInstant(statement, 10, now);
        statement.setInt(11, delivery.partition());
        statement.addBatch();
      }
      int inserted = 0;
      for (int count : statement.executeBatch()) {
        inserted += Math.max(count, 0);
      }
      return inserted;
    }
  }

  /**
   * Refreshes the table's statistics, after a fan-out has made thousands of rows at once: the
   * claim's plan needs to know that a subscriber has few deliveries among many. Autovacuum would do
   * it only a minute or more later; a failure (a role that may not) leaves the planner to its
   * estimates.
   */
  static void analyze(Database database) {
    try {
      database.inTransaction(
          "analyze the deliveries",
          connection -> {
            try (var statement = connection.createStatement()) {
              statement.execute(
                  database.skipsLockedRows() ? "ANALYZE delivery" : "ANALYZE TABLE delivery");
            }
            return null;
          });
    } catch (org.tocsin.store.StoreException e) {
      System.err.println("delivery: " + e.getMessage());
    }
  }

  /**
   * Gives each pending delivery made before partitions existed (schema version 10) its subscriber's
   * partition, so that its owner claims it; returns how many it filled. Finished deliveries are
   * never claimed again and keep none. Nodes may fill at once: they write the same values,
   * subscriber by subscriber in one order.
   */
  static int fillPartitions(Database database) {
    int filled = 0;
    while (true) {
      int batch =
          database.inTransaction(
              "give old deliveries their partition",
              connection -> {
                List<String[]> subscribers = new ArrayList<>();
                try (PreparedStatement statement =
                    connection.prepareStatement(
                        "SELECT DISTINCT channel, subscriber_id FROM delivery"
                            + " WHERE status = 'pending' AND subscriber_partition IS NULL"
                            + " ORDER BY channel, subscriber_id LIMIT ?")) {
                  statement.setInt(1, FILL_BATCH);
                  try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                      subscribers.add(new String[] {rows.getString(1), rows.getString(2)});
                    }
                  }
                }
                int rows = 0;
                try (PreparedStatement statement =
                    connection.prepareStatement(
                        "UPDATE delivery SET subscriber_partition = ? WHERE channel = ?"
                            + " AND subscriber_id = ? AND subscriber_partition IS NULL")) {
                  for (String[] subscriber : subscribers) {
                    statement.setInt(1, DeliveryPartitions.of(subscriber[1]));
                    statement.setString(2, subscriber[0]);
                    statement.setString(3, subscriber[1]);
                    rows += statement.executeUpdate();
                  }
                }
                return subscribers.isEmpty() ? -1 : rows;
              });
      if (batch < 0) {
        return filled;
      }
      filled += batch;
    }
  }

  /** The subscribers of {@code channel} that were sent a message of the threat. */
  static Set<String> recipients(Connection connection, String channel, String threatId)
      throws SQLException {
    Set<String> recipients = new HashSet<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT DISTINCT subscriber_id FROM delivery WHERE channel = ? AND threat_id = ?")) {
      statement.setString(1, channel);
      statement.setString(2, threatId);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          recipients.add(rows.getString(1));
        }
      }
    }
    return recipients;
  }

  /** Ends the pending deliveries of a subscriber removed, on the removal's transaction. */
  static void dropPending(Connection connection, String channel, String subscriberId)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "UPDATE delivery SET status = 'dead', last_error = 'subscriber removed',"
                + " finished_at = CURRENT_TIMESTAMP"
                + " WHERE channel = ? AND subscriber_id = ? AND status = 'pending'")) {
      statement.setString(1, channel);
      statement.setString(2, subscriberId);
      statement.executeUpdate();
    }
  }

  /**
   * Leases up to {@code limit} due deliveries of {@code channel} in the given partitions, at most
   * one per subscriber, the earliest events first, and counts an attempt for each. No partition, no
   * delivery: a node that owns none claims nothing.
   *
   * @param partitions the partitions this node owns now, each within [0, {@link
   *     DeliveryPartitions#COUNT})
   */
  List<Delivery> claim(String channel, Set<Integer> partitions, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive, was " + limit);
    }
    List<Integer> owned = List.copyOf(DeliveryPartitions.checked(partitions));
    if (owned.isEmpty()) {
      return List.of();
    }
    Instant now = clock.instant();
    boolean takeTurns = !database.skipsLockedRows();
    String due =
        DUE + String.join(", ", java.util.Collections.nCopies(owned.size(), "?")) + DUE_ORDER;
    String sql = takeTurns ? due : due + " FOR UPDATE OF d SKIP LOCKED";
    if (takeTurns) {
      turns.lock();
    }
    try {
      return database.inTransaction(
          "claim deliveries",
          connection -> {
            List<Delivery> claimed = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
              statement.setString(1, channel);
              Timestamps.setInstant(statement, 2, now);
              int parameter = 3;
              for (int partition : owned) {
                statement.setInt(parameter++, partition);
              }
              statement.setInt(parameter, limit);
              try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                  claimed.add(
                      new Delivery(
                          rows.getLong("id"),
                          channel,
                          rows.getString("subscriber_id"),
                          rows.getString("idempotency_key"),
                          rows.getString("payload"),
                          Timestamps.getInstant(rows, "event_time"),
                          rows.getInt("attempts") + 1,
                          Timestamps.getInstant(rows, "created_at")));
                }
              }
            }
            try (PreparedStatement statement =
                connection.prepareStatement(
                    "UPDATE delivery SET attempts = attempts + 1, next_attempt_at = ?"
                        + " WHERE id = ?")) {
              for (Delivery delivery : claimed) {
                Timestamps.setInstant(statement, 1, now.plus(lease));
                statement.setLong(2, delivery.id());
                statement.addBatch();
              }
              if (!claimed.isEmpty()) {
                statement.executeBatch();
              }
            }
            return claimed;
          });
    } finally {
      if (takeTurns) {
        turns.unlock();
      }
    }
  }

  /** What an attempt came to, to be written: a new status, or pending again at a time. */
  private record Result(long id, String status, String reason, Instant at) {}

  /** The delivery was taken; it is never tried again. */
  void markDelivered(long id) {
    record(new Result(id, "delivered", null, clock.instant()));
  }

  /** The delivery is given up, for {@code reason}; it is never tried again. */
  void markDead(long id, String reason) {
    record(new Result(id, "dead", truncated(reason), clock.instant()));
  }

  /** The attempt failed for {@code reason}: the delivery is due again at {@code retryAt}. */
  void markRetry(long id, String reason, Instant retryAt) {
    record(new Result(id, "pending", truncated(reason), retryAt));
  }

  /**
   * Writes a result with those that other senders have queued meanwhile, in one commit (group
   * commit: one disk flush for many deliveries rather than one each). The queue holds at most one
   * result per sender. A result lost to a failing database is repeated after its lease.
   */
  private void record(Result result) {
    results.add(result);
    recording.lock();
    try {
      List<Result> batch = new ArrayList<>();
      for (Result next = results.poll(); next != null; next = results.poll()) {
        batch.add(next);
      }
      if (!batch.isEmpty()) {
        write(batch);
      }
    } finally {
      recording.unlock();
    }
  }

  private void write(List<Result> batch) {
    database.inTransaction(
        "record " + batch.size() + " delivery attempts",
        connection -> {
          try (PreparedStatement finish =
                  connection.prepareStatement(
                      "UPDATE delivery SET status = ?, last_error = COALESCE(?, last_error),"
                          + " finished_at = ? WHERE id = ? AND status = 'pending'");
              PreparedStatement retry =
                  connection.prepareStatement(
                      "UPDATE delivery SET last_error = ?, next_attempt_at = ?"
                          + " WHERE id = ? AND status = 'pending'")) {
            for (Result result : batch) {
              if (result.status().equals("pending")) {
                retry.setString(1, result.reason());
                Timestamps.setInstant(retry, 2, result.at());
                retry.setLong(3, result.id());
                retry.addBatch();
              } else {
                finish.setString(1, result.status());
                finish.setString(2, result.reason());
                Timestamps.setInstant(finish, 3, result.at());
                finish.setLong(4, result.id());
                finish.addBatch();
              }
            }
            finish.executeBatch();
            retry.executeBatch();
          }
          return null;
        });
  }

  private static String truncated(String reason) {
    return reason.length() <= 1_000 ? reason : reason.substring(0, 1_000) + "…";
  }
}
