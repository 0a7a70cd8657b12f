package org.tocsin.store;

import java.util.Objects;
import java.util.Optional;

/**
 * A message claimed from the outbox for delivery on one channel.
 *
 * @param id the outbox row, for {@link Outbox#markDelivered} and {@link Outbox#markFailed}
 * @param channel the delivery channel
 * @param idempotencyKey {@code <event id>/<channel>}: the same for every attempt, so that a
 *     receiver can drop a message delivered twice
 * @param journalSequence the journal record the message delivers
 * @param payloadJson that record's payload (an alert event in {@link JournalCodec}'s form)
 * @param attempt which attempt this claim is, from 1
 * @param lastError why the previous attempt failed, if it did
 */
public record OutboxMessage(
    long id,
    String channel,
    String idempotencyKey,
    long journalSequence,
    String payloadJson,
    int attempt,
    Optional<String> lastError) {

  public OutboxMessage {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(payloadJson, "payloadJson");
    Objects.requireNonNull(lastError, "lastError");
  }
}
