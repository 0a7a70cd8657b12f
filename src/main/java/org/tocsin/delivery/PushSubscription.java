package org.tocsin.delivery;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.tocsin.alert.AlertLevel;

/**
 * A browser's Web Push subscription (RFC 8030), with the keys its messages are encrypted to (RFC
 * 8291).
 *
 * @param id its id, {@code ps_…}
 * @param endpoint the push service's URL for this browser
 * @param p256dh the browser's P-256 public key, base64url as the browser gives it
 * @param auth the browser's authentication secret, base64url
 * @param areaIds the areas followed, of the server's set
 * @param clientAddress the address it was made from, for the per-client limit
 * @param createdAt when it was made
 */
public record PushSubscription(
    String id,
    URI endpoint,
    String p256dh,
    String auth,
    List<String> areaIds,
    String clientAddress,
    Instant createdAt) {

  public PushSubscription {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(p256dh, "p256dh");
    Objects.requireNonNull(auth, "auth");
    areaIds = List.copyOf(areaIds);
    Objects.requireNonNull(clientAddress, "clientAddress");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** What it follows, as the fan-out sees it: both levels. */
  Subscriber subscriber() {
    return new Subscriber(id, Set.copyOf(areaIds), Optional.empty(), AlertLevel.PREPARE);
  }
}
