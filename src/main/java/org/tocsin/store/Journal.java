package org.tocsin.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.tocsin.alert.AlertEvent;
import org.tocsin.track.Observation;

/**
 * The append-only journal of reports, decisions, alert events and operator actions.
 *
 * <p>Every append is one transaction that has committed when the method returns, so a caller may
 * acknowledge its input as soon as the call returns, and not before. Records are numbered from 1
 * without gaps and hash-chained (see {@link AuditVerifier}); appends are serialised by a lock on
 * the single {@code journal_head} row, which also holds the last hash. An alert event is journalled
 * together with one outbox row per delivery channel, in the same transaction: either the record and
 * all its rows are stored, or none of them.
 */
public final class Journal {

  private static final int PAGE_SIZE = 500;
  private static final int MAX_CHANNEL_LENGTH = 100;
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final Database database;
  private final Clock clock;

  /**
   * @param clock stamps {@code recorded_at}
   */
  public Journal(Database database, Clock clock) {
    this.database = Objects.requireNonNull(database, "database");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Stores a record durably and returns its sequence number. An alert event stored this way is not
   * queued for delivery; {@link #appendAlertEvent} does both.
   *
   * @param payloadJson a JSON document, stored and hashed exactly as given
   * @throws IllegalArgumentException when the payload is not JSON
   * @throws StoreException when the database fails; nothing was stored then
   */
  public long append(RecordKind kind, String payloadJson) {
    Objects.requireNonNull(kind, "kind");
    requireJson(payloadJson);
    return append(kind, payloadJson, "", List.of());
  }

  /** Journals a sensor report in {@link JournalCodec}'s form; returns its sequence number. */
  public long appendReport(Observation report) {
    return append(RecordKind.REPORT, JournalCodec.encode(report), "", List.of());
  }

  /**
   * Journals a batch of reports that arrived together, in one transaction, all with one {@code
   * recorded_at}: a restart replays them as the batch they were. Returns the last sequence number.
   *
   * @throws IllegalArgumentException when the batch is empty
   */
  public long appendReports(List<Observation> batch) {
    if (batch.isEmpty()) {
      throw new IllegalArgumentException("a batch of reports must not be empty");
    }
    List<String> payloads = batch.stream().map(JournalCodec::encode).toList();
    return inOneCommit(
        "append reports to the journal",
        chain -> {
          for (String payload : payloads) {
            chain.add(RecordKind.REPORT, payload);
          }
        });
  }

  /**
   * Journals what one batch of reports led to, in one transaction: a {@code decision} record per
   * prediction made (its JSON as given) and the alert events, each with one outbox row per channel.
   * Returns the last sequence number, or the current one when there is nothing to store.
   */
  public long appendDecisions(
      List<String> decisionsJson, List<AlertEvent> events, Collection<String> channels) {
    List<String> checked = checkedChannels(channels);
    decisionsJson.forEach(Journal::requireJson);
    if (decisionsJson.isEmpty() && events.isEmpty()) {
      return lastSequence();
    }
    return inOneCommit(
        "append decisions to the journal",
        chain -> {
          for (String payload : decisionsJson) {
            chain.add(RecordKind.DECISION, payload);
          }
          for (AlertEvent event : events) {
            long sequence = chain.add(RecordKind.ALERT_EVENT, JournalCodec.encode(event));
            for (String channel : checked) {
              insertOutboxMessage(
                  chain.connection, sequence, event.id(), channel, chain.recordedAt);
            }
          }
        });
  }

  /**
   * Journals an alert event and, in the same transaction, one pending outbox message per channel,
   * keyed {@code <event id>/<channel>} so that deliverers and receivers can drop repeats.
   *
   * @param channels delivery channel names, distinct and non-blank (may be empty)
   * @throws IllegalArgumentException when a channel name is blank, too long or repeated
   * @throws IllegalStateException when the event was already journalled for one of the channels;
   *     nothing was stored then
   */
  public long appendAlertEvent(AlertEvent event, Collection<String> channels) {
    List<String> checked = checkedChannels(channels);
    return append(RecordKind.ALERT_EVENT, JournalCodec.encode(event), event.id(), checked);
  }

  /**
   * The records from {@code fromSequence} on, in order. The stream reads lazily a page at a time
   * and holds no connection between pages; records appended while it is read may be included.
   *
   * @throws IllegalArgumentException when {@code fromSequence} is below 1
   */
  public Stream<JournalRecord> read(long fromSequence) {
    if (fromSequence < 1) {
      throw new IllegalArgumentException("sequence numbers start at 1, was " + fromSequence);
    }
    return records(database, fromSequence);
  }

  /**
   * The records of one kind from {@code fromSequence} on, in order, chosen by the database: a
   * start-up that needs only the alert events does not read every report.
   *
   * @throws IllegalArgumentException when {@code fromSequence} is below 1
   */
  public Stream<JournalRecord> read(long fromSequence, RecordKind kind) {
    if (fromSequence < 1) {
      throw new IllegalArgumentException("sequence numbers start at 1, was " + fromSequence);
    }
    return stream(new PagingIterator(database, fromSequence, Optional.of(kind)));
  }

  /** The sequence number of the last record, 0 when the journal is empty. */
  public long lastSequence() {
    return Transactions.inTransaction(
        database,
        "read the journal head",
        connection ->
            JournalHead.read(connection, JournalHead.Lock.NONE)
                .map(JournalHead::lastSequence)
                .orElse(0L));
  }

  static Stream<JournalRecord> records(Database database, long fromSequence) {
    return stream(new PagingIterator(database, fromSequence, Optional.empty()));
  }

  private static Stream<JournalRecord> stream(Iterator<JournalRecord> pages) {
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(
            pages, Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.DISTINCT),
        false);
  }

  private long append(RecordKind kind, String payload, String eventId, List<String> channels) {
    return inOneCommit(
        "append to the journal",
        chain -> {
          long sequence = chain.add(kind, payload);
          for (String channel : channels) {
            insertOutboxMessage(chain.connection, sequence, eventId, channel, chain.recordedAt);
          }
        });
  }

  /** Writes records, one commit: what the writer adds all carries the same {@code recorded_at}. */
  private interface ChainWriter {
    void write(Chain chain) throws SQLException;
  }

  /** Work inside a journal commit that may change other tables and extend the chain. */
  @FunctionalInterface
  interface ChainWork<T> {
    T run(Chain chain) throws SQLException;
  }

  /** The end of the chain inside one transaction: each record added extends it. */
  static final class Chain {
    final Connection connection;
    final Instant recordedAt;
    private final AuditKey key;
    private final long firstSequence;
    private long sequence;
    private String hash;

    private Chain(
        Connection connection, AuditKey key, Instant recordedAt, long sequence, String hash) {
      this.connection = connection;
      this.key = key;
      this.recordedAt = recordedAt;
      this.firstSequence = sequence;
      this.sequence = sequence;
      this.hash = hash;
    }

    /** Appends a record to the chain; returns its sequence number. */
    long add(RecordKind kind, String payload) throws SQLException {
      sequence++;
      String previous = hash;
      hash = AuditChain.keyedHash(key, previous, sequence, kind, recordedAt, payload);
      insertRecord(connection, sequence, recordedAt, kind, payload, previous, hash);
      return sequence;
    }
  }

  private long inOneCommit(String what, ChainWriter writer) {
    return inOneCommit(
        database,
        clock,
        what,
        chain -> {
          writer.write(chain);
          return chain.sequence;
        });
  }

  /**
   * Runs {@code work} in one transaction under the journal's write lock, after locking the head row
   * and checking that the chain is keyed with the database's {@link AuditKey}, and advances the
   * head to the last record it added: the one way every writer, the journal itself and {@link
   * OperatorActions} alike, extends the chain.
   *
   * @throws StoreException when the database fails; nothing was stored then
   * @throws IllegalStateException when the chain is keyed with another key or its binding is
   *     missing; nothing was stored then
   */
  static <T> T inOneCommit(Database database, Clock clock, String what, ChainWork<T> work) {
    database.writeLock().lock();
    try {
      return Transactions.inTransaction(
          database,
          what,
          connection -> {
            JournalHead head =
                JournalHead.read(connection, JournalHead.Lock.FOR_UPDATE)
                    .orElseThrow(
                        () -> new IllegalStateException("the journal_head row is missing"));
            database.requireAuditKeyOfJournal(connection);
            Chain chain =
                new Chain(
                    connection,
                    database.auditKey(),
                    Timestamps.stored(clock.instant()),
                    head.lastSequence(),
                    head.lastHash());
            T result = work.run(chain);
            if (chain.sequence != chain.firstSequence) {
              JournalHead.advance(connection, chain.sequence, chain.hash);
            }
            return result;
          });
    } finally {
      database.writeLock().unlock();
    }
  }

  private static void insertRecord(
      Connection connection,
      long sequence,
      Instant recordedAt,
      RecordKind kind,
      String payload,
      String previousHash,
      String hash)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "INSERT INTO journal (sequence_number, recorded_at, kind, payload, previous_hash, hash)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
      statement.setLong(1, sequence);
      Timestamps.setInstant(statement, 2, recordedAt);
      statement.setString(3, kind.id());
      statement.setString(4, payload);
      statement.setString(5, previousHash);
      statement.setString(6, hash);
      statement.executeUpdate();
    }
  }

  private static void insertOutboxMessage(
      Connection connection, long sequence, String eventId, String channel, Instant now)
      throws SQLException {
    String key = Outbox.idempotencyKey(eventId, channel);
    try (PreparedStatement statement =
        connection.prepareStatement(
            "INSERT INTO outbox (journal_sequence_number, channel, idempotency_key, status,"
                + " attempts, next_attempt_at) VALUES (?, ?, ?, 'pending', 0, ?)")) {
      statement.setLong(1, sequence);
      statement.setString(2, channel);
      statement.setString(3, key);
      Timestamps.setInstant(statement, 4, now);
      statement.executeUpdate();
    } catch (SQLException e) {
      if (Transactions.isUniqueViolation(e)) {
        throw new IllegalStateException(
            "alert event '" + eventId + "' was already journalled for channel '" + channel + "'",
            e);
      }
      throw e;
    }
  }

  private static List<String> checkedChannels(Collection<String> channels) {
    List<String> checked = new ArrayList<>(channels.size());
    var seen = new HashSet<String>();
    for (String channel : channels) {
      if (channel == null || channel.isBlank() || channel.length() > MAX_CHANNEL_LENGTH) {
        throw new IllegalArgumentException(
            "a channel name must be 1 to "
                + MAX_CHANNEL_LENGTH
                + " characters, not blank, was '"
                + channel
                + "'");
      }
      if (!seen.add(channel)) {
        throw new IllegalArgumentException("channel '" + channel + "' is given twice");
      }
      checked.add(channel);
    }
    return checked;
  }

  private static void requireJson(String payloadJson) {
    Objects.requireNonNull(payloadJson, "payloadJson");
    if (payloadJson.isBlank()) {
      throw new IllegalArgumentException("payload must be a JSON document, was blank");
    }
    try {
      JSON.readTree(payloadJson);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "payload must be a JSON document: " + e.getOriginalMessage(), e);
    }
  }

  private static List<JournalRecord> page(
      Database database, long fromSequence, Optional<RecordKind> kind, int limit) {
    return Transactions.inTransaction(
        database,
        "read the journal",
        connection -> {
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "SELECT sequence_number, recorded_at, kind, payload, previous_hash, hash"
                      + " FROM journal WHERE sequence_number >= ?"
                      + (kind.isPresent() ? " AND kind = ?" : "")
                      + " ORDER BY sequence_number LIMIT ?")) {
            int parameter = 1;
            statement.setLong(parameter++, fromSequence);
            if (kind.isPresent()) {
              statement.setString(parameter++, kind.get().id());
            }
            statement.setInt(parameter, limit);
            List<JournalRecord> records = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
              while (rows.next()) {
                records.add(
                    new JournalRecord(
                        rows.getLong("sequence_number"),
                        Timestamps.getInstant(rows, "recorded_at"),
                        RecordKind.fromId(rows.getString("kind")),
                        rows.getString("payload"),
                        rows.getString("previous_hash"),
                        rows.getString("hash")));
              }
            }
            return records;
          }
        });
  }

  /** Reads the journal a page at a time, each page in its own short transaction. */
  private static final class PagingIterator implements Iterator<JournalRecord> {
    private final Database database;
    private final Optional<RecordKind> kind;
    private long nextSequence;
    private List<JournalRecord> page = List.of();
    private int index;
    private boolean exhausted;

    PagingIterator(Database database, long fromSequence, Optional<RecordKind> kind) {
      this.database = database;
      this.kind = kind;
      this.nextSequence = fromSequence;
    }

    @Override
    public boolean hasNext() {
      if (index < page.size()) {
        return true;
      }
      if (exhausted) {
        return false;
      }
      page = page(database, nextSequence, kind, PAGE_SIZE);
      index = 0;
      exhausted = page.size() < PAGE_SIZE;
      if (page.isEmpty()) {
        return false;
      }
      nextSequence = page.get(page.size() - 1).sequence() + 1;
      return true;
    }

    @Override
    public JournalRecord next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return page.get(index++);
    }
  }
}
