package org.tocsin.delivery;

import java.util.List;

/** The names of the delivery channels, as the outbox and the deliveries spell them. */
public final class Channels {

  /** Institutions' signed webhooks. */
  public static final String WEBHOOK = "webhook";

  /** People's Web Push subscriptions. */
  public static final String PUSH = "push";

  /** The channels the server queues every alert event for, in the outbox. */
  public static final List<String> ALL = List.of(WEBHOOK, PUSH);

  private Channels() {}
}
