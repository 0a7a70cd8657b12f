package org.tocsin.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The CAP messages upstream authorities posted, in the database rather than in memory, bounded
 * twice: a document over {@code maxDocumentBytes} is refused, and only the newest {@code
 * maxMessages} are kept, the oldest dropped as new ones come. Posting, however much, cannot fill
 * the heap nor the disk.
 */
public final class UpstreamMessages {

  /** CAP messages are kilobytes; a quarter of a mebibyte leaves room for detailed polygons. */
  public static final int DEFAULT_MAX_DOCUMENT_BYTES = 256 * 1024;

  /** Some days of a busy upstream feed. */
  public static final int DEFAULT_MAX_MESSAGES = 500;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private final Database database;
  private final Clock clock;
  private final int maxDocumentBytes;
  private final int maxMessages;

  /**
   * @param clock stamps when a message was received
   * @param maxDocumentBytes the largest document kept, at least 1
   * @param maxMessages how many messages are kept, at least 1
   */
  public UpstreamMessages(Database database, Clock clock, int maxDocumentBytes, int maxMessages) {
    this.database = Objects.requireNonNull(database, "database");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (maxDocumentBytes < 1 || maxMessages < 1) {
      throw new IllegalArgumentException(
          "maxDocumentBytes and maxMessages must be at least 1, were "
              + maxDocumentBytes
              + " and "
              + maxMessages);
    }
    this.maxDocumentBytes = maxDocumentBytes;
    this.maxMessages = maxMessages;
  }

  /** With the default limits. */
  public UpstreamMessages(Database database, Clock clock) {
    this(database, clock, DEFAULT_MAX_DOCUMENT_BYTES, DEFAULT_MAX_MESSAGES);
  }

  public int maxDocumentBytes() {
    return maxDocumentBytes;
  }

  /**
   * Keeps a message, dropping the oldest beyond the count limit, in one transaction.
   *
   * @param document the message as posted, checked by the caller
   * @throws IllegalArgumentException when the document is over the size limit
   */
  public UpstreamMessage add(
      String authority, Optional<String> signedBy, UpstreamMessage.Summary alert, byte[] document) {
    if (document.length > maxDocumentBytes) {
      throw new IllegalArgumentException(
          "body: an upstream CAP message must be at most "
              + maxDocumentBytes
              + " bytes, was "
              + document.length);
    }
    Instant now = Timestamps.stored(clock.instant());
    return Transactions.inTransaction(
        database,
        "keep an upstream CAP message",
        connection -> {
          long id;
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO upstream_cap (received_at, authority, signed_by, identifier,"
                      + " sender, sent, status, msg_type, headlines, document)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  Statement.RETURN_GENERATED_KEYS)) {
            Timestamps.setInstant(insert, 1, now);
            insert.setString(2, authority);
            insert.setString(3, signedBy.orElse(null));
            insert.setString(4, alert.identifier());
            insert.setString(5, alert.sender());
            insert.setString(6, alert.sent());
            insert.setString(7, alert.status());
            insert.setString(8, alert.msgType());
            insert.setString(9, json(alert.headlines()));
            insert.setBytes(10, document);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
              keys.next();
              id = keys.getLong(1);
            }
          }
          try (PreparedStatement trim =
              connection.prepareStatement("DELETE FROM upstream_cap WHERE id <= ?")) {
            trim.setLong(1, id - maxMessages);
            trim.executeUpdate();
          }
          return new UpstreamMessage(id, now, authority, signedBy, alert);
        });
  }

  /** The messages kept, oldest first. */
  public List<UpstreamMessage> list() {
    return Transactions.inTransaction(
        database,
        "list upstream CAP messages",
        connection -> {
          List<UpstreamMessage> messages = new ArrayList<>();
          try (PreparedStatement select =
                  connection.prepareStatement(
                      "SELECT id, received_at, authority, signed_by, identifier, sender, sent,"
                          + " status, msg_type, headlines, relay FROM upstream_cap ORDER BY id");
              ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
              messages.add(
                  new UpstreamMessage(
                      rows.getLong("id"),
                      Timestamps.getInstant(rows, "received_at"),
                      rows.getString("authority"),
                      Optional.ofNullable(rows.getString("signed_by")),
                      new UpstreamMessage.Summary(
                          rows.getString("identifier"),
                          rows.getString("sender"),
                          rows.getString("sent"),
                          rows.getString("status"),
                          rows.getString("msg_type"),
                          strings(rows.getString("headlines"))),
                      Optional.ofNullable(rows.getString("relay"))));
            }
          }
          return messages;
        });
  }

  /**
   * Records what the relay made of message {@code id}: a JSON object. A message dropped meanwhile
   * (the oldest, beyond the count limit) is not recorded.
   */
  public void recordRelay(long id, String relayJson) {
    Objects.requireNonNull(relayJson, "relayJson");
    Transactions.inTransaction(
        database,
        "record an upstream relay",
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement("UPDATE upstream_cap SET relay = ? WHERE id = ?")) {
            update.setString(1, relayJson);
            update.setLong(2, id);
            update.executeUpdate();
          }
          return null;
        });
  }

  private static String json(List<String> strings) {
    try {
      return JSON.writeValueAsString(strings);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a list of strings is always JSON", e);
    }
  }

  private static List<String> strings(String json) throws SQLException {
    try {
      return JSON.readValue(json, STRINGS);
    } catch (JsonProcessingException e) {
      throw new SQLException("upstream_cap.headlines is not a JSON list of strings", e);
    }
  }
}
