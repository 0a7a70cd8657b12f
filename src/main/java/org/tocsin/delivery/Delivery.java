package org.tocsin.delivery;

import java.time.Instant;
import java.util.Objects;

/**
 * One message to one subscriber, claimed for an attempt.
 *
 * @param id the delivery's row
 * @param channel webhook or push
 * @param subscriberId the subscriber, in its channel's table
 * @param idempotencyKey {@code <event id>/<channel>/<subscriber id>}, the same on every attempt, so
 *     that a receiver drops a repeat
 * @param payloadJson the message, the same bytes on every attempt
 * @param eventTime when the alert event was decided, from which latency is measured
 * @param attempt which attempt this is, from 1
 * @param createdAt when the fan-out made it, from which the retry window is counted
 */
public record Delivery(
    long id,
    String channel,
    String subscriberId,
    String idempotencyKey,
    String payloadJson,
    Instant eventTime,
    int attempt,
    Instant createdAt) {

  public Delivery {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(subscriberId, "subscriberId");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(payloadJson, "payloadJson");
    Objects.requireNonNull(eventTime, "eventTime");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
