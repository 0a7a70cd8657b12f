package org.tocsin.delivery;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.tocsin.alert.AlertLevel;

/**
 * An institution's webhook.
 *
 * @param id its id, {@code wh_…}
 * @param url where deliveries are POSTed, http or https
 * @param secret the key of the HMAC in {@code Tocsin-Signature}
 * @param areaIds the areas followed; empty when a whole set is
 * @param areaSet the set followed whole, if any
 * @param minLevel prepare (both levels) or shelter (shelter only)
 * @param createdAt when it was added
 */
public record WebhookSubscriber(
    String id,
    URI url,
    String secret,
    List<String> areaIds,
    Optional<String> areaSet,
    AlertLevel minLevel,
    Instant createdAt) {

  public WebhookSubscriber {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(secret, "secret");
    areaIds = List.copyOf(areaIds);
    Objects.requireNonNull(areaSet, "areaSet");
    Objects.requireNonNull(minLevel, "minLevel");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** What it follows, as the fan-out sees it. */
  Subscriber subscriber() {
    return new Subscriber(id, java.util.Set.copyOf(areaIds), areaSet, minLevel);
  }

  /** Its description without the secret, for listings. */
  @Override
  public String toString() {
    return id
        + " "
        + url
        + " "
        + areaSet.map(set -> "set " + set).orElse("areas " + String.join(",", areaIds))
        + " level "
        + minLevel.id();
  }
}
