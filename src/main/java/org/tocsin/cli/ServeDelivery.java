package org.tocsin.cli;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.tocsin.alert.AlertStatus;
import org.tocsin.area.AreaSet;
import org.tocsin.delivery.Channel;
import org.tocsin.delivery.Channels;
import org.tocsin.delivery.DeliveryWorker;
import org.tocsin.delivery.Payloads;
import org.tocsin.delivery.PushSubscriptions;
import org.tocsin.delivery.WebhookTransport;
import org.tocsin.delivery.Webhooks;
import org.tocsin.delivery.webpush.WebPushClient;
import org.tocsin.delivery.webpush.WebPushTransport;
import org.tocsin.store.Database;
import org.tocsin.web.ServerOptions;

/**
 * The server's delivery: the channels every alert event is queued for in the outbox, and the worker
 * that delivers them, started with the server and stopped with it.
 */
final class ServeDelivery {

  /**
   * The outbox channels of every alert event. A channel queued while no worker runs it (push, until
   * its sender is configured) keeps its messages, which the fan-out drops once too old to send.
   */
  static final List<String> CHANNELS = Channels.ALL;

  /** How many webhook POSTs are in flight at once. */
  private static final int WEBHOOK_SENDERS = 64;

  /** How many push messages are in flight to push services at once. */
  private static final int PUSH_SENDERS = 64;

  private ServeDelivery() {}

  /**
   * Who push services' operators write to about this server (VAPID's {@code sub}): its public
   * address when that is https, as push services ask; otherwise a mailbox on its host.
   */
  static String pushContact(String baseUrl) {
    if (baseUrl.startsWith("https://")) {
      return baseUrl;
    }
    String host = java.net.URI.create(baseUrl).getHost();
    return "mailto:civil-defence@" + (host == null || host.isBlank() ? "localhost" : host);
  }

  /**
   * Starts the worker; the caller closes it.
   *
   * @param partitions the delivery partitions this node delivers now: all of them on a single node,
   *     its share on a cluster's
   */
  static DeliveryWorker start(
      Database database,
      AreaSet areas,
      AlertStatus status,
      ServerOptions options,
      MeterRegistry metrics,
      Clock clock,
      Supplier<Set<Integer>> partitions) {
    Webhooks webhooks = new Webhooks(database, clock);
    List<Channel> channels = new ArrayList<>();
    channels.add(
        Channel.webhooks(
            webhooks, new WebhookTransport(webhooks, clock), options.baseUrl(), WEBHOOK_SENDERS));
    if (options.vapidKeys().isPresent() && options.pushSubscriptions().isPresent()) {
      PushSubscriptions subscriptions = options.pushSubscriptions().get();
      WebPushClient client =
          WebPushClient.create(options.vapidKeys().get(), pushContact(options.baseUrl()), clock);
      channels.add(
          Channel.push(
              subscriptions, new WebPushTransport(subscriptions, client, clock), PUSH_SENDERS));
    }
    DeliveryWorker worker =
        new DeliveryWorker(
            database,
            new Payloads(areas, status, options.capIssuer()),
            channels,
            clock,
            new Random(),
            metrics,
            DeliveryWorker.LEASE,
            partitions);
    worker.start();
    return worker;
  }
}
