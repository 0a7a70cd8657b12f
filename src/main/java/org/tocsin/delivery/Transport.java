package org.tocsin.delivery;

/**
 * Hands one payload to one subscriber of a channel, once: a webhook POST, a Web Push message. The
 * worker calls it from its pool of senders, for deliveries of different subscribers at once, and
 * keeps the retries, the order and the records; a transport only reports what the attempt came to.
 */
public interface Transport {

  /**
   * One attempt. Never throws for what the receiver or the network did: that is an {@link Outcome}.
   * Must return within a bounded time (the webhook's is 10 s).
   */
  Outcome send(Delivery delivery);

  /** Removes the subscriber after a {@link Outcome.Gone}: its deliveries not made are dropped. */
  void remove(String subscriberId);
}
