package org.tocsin.cli;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import org.tocsin.alert.AlertStatus;
import org.tocsin.area.AreaSet;
import org.tocsin.delivery.Channel;
import org.tocsin.delivery.Channels;
import org.tocsin.delivery.DeliveryWorker;
import org.tocsin.delivery.Payloads;
import org.tocsin.delivery.WebhookTransport;
import org.tocsin.delivery.Webhooks;
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

  private ServeDelivery() {}

  /** Starts the worker; the caller closes it. */
  static DeliveryWorker start(
      Database database,
      AreaSet areas,
      AlertStatus status,
      ServerOptions options,
      MeterRegistry metrics,
      Clock clock) {
    Webhooks webhooks = new Webhooks(database, clock);
    List<Channel> channels =
        List.of(
            Channel.webhooks(
                webhooks,
                new WebhookTransport(webhooks, clock),
                options.baseUrl(),
                WEBHOOK_SENDERS));
    DeliveryWorker worker =
        new DeliveryWorker(
            database,
            new Payloads(areas, status, options.capIssuer()),
            channels,
            clock,
            new Random(),
            metrics);
    worker.start();
    return worker;
  }
}
