package org.tocsin.delivery;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tocsin.alert.AlertEvent;
import org.tocsin.alert.AreaWarning;
import org.tocsin.store.Database;
import org.tocsin.store.JournalCodec;
import org.tocsin.store.Outbox;
import org.tocsin.store.OutboxMessage;

/**
 * Expands each outbox message of a channel into one delivery per subscriber concerned.
 *
 * <p>A subscriber is concerned when the event warns (or stands down) an area it follows, at its
 * level or above, or when it was sent an earlier message of the same threat: so an Update that
 * takes its areas out, a Cancel and an all-clear reach everyone the Alert reached. The deliveries
 * and the outbox message's "delivered" mark are one transaction, and a delivery's key (subscriber,
 * event) is unique: a crash at any point leaves either all of an event's deliveries and the mark,
 * or none of them and the message claimable again after its lease; never half, never twice.
 */
final class FanOut {

  private static final int SUBSCRIBER_PAGE = 1_000;

  /** A fan-out that makes this many deliveries has the table's statistics refreshed. */
  private static final int ANALYZE_AFTER_ROWS = 1_000;

  private final Database database;
  private final Outbox outbox;
  private final Payloads payloads;
  private final Clock clock;

  FanOut(Database database, Outbox outbox, Payloads payloads, Clock clock) {
    this.database = database;
    this.outbox = outbox;
    this.payloads = payloads;
    this.clock = clock;
  }

  /**
   * Expands up to {@code limit} due outbox messages of the channel; returns how many it expanded.
   */
  int expandDue(Channel channel, int limit) {
    List<OutboxMessage> claimed = outbox.claim(channel.name, limit);
    int made = 0;
    for (OutboxMessage message : claimed) {
      AlertEvent event = JournalCodec.decodeAlertEvent(message.payloadJson());
      // A message older than the channel retries one for is no use to anybody any more: after a
      // long outage, or queued while no worker ran the channel, it is dropped, not sent late.
      boolean stale = event.time().plus(channel.retries.window()).isBefore(clock.instant());
      made +=
          database.inTransaction(
              "fan out " + message.idempotencyKey(),
              connection -> {
                int inserted =
                    stale ? 0 : expand(connection, channel, message.journalSequence(), event);
                outbox.markDelivered(connection, message.id());
                return inserted;
              });
    }
    if (made >= ANALYZE_AFTER_ROWS) {
      Deliveries.analyze(database);
    }
    return claimed.size();
  }

  /** Makes the event's deliveries; returns how many. */
  private int expand(Connection connection, Channel channel, long sequence, AlertEvent event)
      throws SQLException {
    int made = 0;
    Set<String> earlier = Deliveries.recipients(connection, channel.name, event.threatId());
    Map<List<AreaWarning>, String> payloadByAreas = new HashMap<>();
    Instant now = clock.instant();
    String after = "";
    while (true) {
      List<Subscriber> page = channel.subscribers.page(connection, after, SUBSCRIBER_PAGE);
      if (page.isEmpty()) {
        return made;
      }
      List<Deliveries.New> deliveries = new ArrayList<>(page.size());
      for (Subscriber subscriber : page) {
        List<AreaWarning> concerned = subscriber.concerned(event.areas(), payloads.areaSetId());
        if (concerned.isEmpty() && !earlier.contains(subscriber.id())) {
          continue;
        }
        String payload =
            payloadByAreas.computeIfAbsent(
                concerned, areas -> payloads.json(event, areas, channel.capBaseUrl));
        deliveries.add(
            new Deliveries.New(
                channel.name,
                subscriber.id(),
                event.id(),
                event.threatId(),
                sequence,
                payload,
                event.time()));
      }
      made += Deliveries.insert(connection, deliveries, now);
      after = page.get(page.size() - 1).id();
    }
  }
}
