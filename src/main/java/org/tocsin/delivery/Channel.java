package org.tocsin.delivery;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One delivery channel as the worker runs it: its name (the outbox's channel), its subscribers, its
 * transport, its retries and how many attempts it makes at once.
 */
public final class Channel {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,15}");

  final String name;
  final Subscribers subscribers;
  final Transport transport;
  final RetryPolicy retries;
  final int concurrency;
  final Optional<String> capBaseUrl;

  private Channel(
      String name,
      Subscribers subscribers,
      Transport transport,
      RetryPolicy retries,
      int concurrency,
      Optional<String> capBaseUrl) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "channel name must be 1 to 16 lower-case letters, digits or '-', was '" + name + "'");
    }
    if (concurrency < 1 || concurrency > 1_024) {
      throw new IllegalArgumentException(
          "concurrency must be within [1, 1024], was " + concurrency);
    }
    this.name = name;
    this.subscribers = Objects.requireNonNull(subscribers, "subscribers");
    this.transport = Objects.requireNonNull(transport, "transport");
    this.retries = Objects.requireNonNull(retries, "retries");
    this.concurrency = concurrency;
    this.capBaseUrl = Objects.requireNonNull(capBaseUrl, "capBaseUrl");
  }

  /**
   * The webhooks: each payload carries the CAP message's URL on this server.
   *
   * @param baseUrl the server's public address, without a trailing slash
   * @param concurrency how many POSTs at once
   */
  public static Channel webhooks(
      Webhooks webhooks, Transport transport, String baseUrl, int concurrency) {
    return new Channel(
        Channels.WEBHOOK,
        webhooks,
        transport,
        RetryPolicy.WEBHOOK,
        concurrency,
        Optional.of(baseUrl));
  }

  /**
   * Web Push, with the sender of package {@code webpush} as transport.
   *
   * @param concurrency how many messages in flight to push services at once
   */
  public static Channel push(
      PushSubscriptions subscriptions, Transport transport, int concurrency) {
    return new Channel(
        Channels.PUSH, subscriptions, transport, RetryPolicy.PUSH, concurrency, Optional.empty());
  }

  /** The same channel with other retries (tests move a clock through them). */
  public Channel withRetries(RetryPolicy newRetries) {
    return new Channel(name, subscribers, transport, newRetries, concurrency, capBaseUrl);
  }

  /** The outbox's channel name. */
  public String name() {
    return name;
  }
}
