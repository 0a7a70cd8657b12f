package org.tocsin.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.tocsin.alert.UpstreamAlert;

/**
 * The upstream authorities' alerts relayed, by threat, and which threat each upstream message
 * became: an Update or Cancel names the upstream messages it follows ({@code references}), and the
 * relay finds the one threat they concern, so that it replaces or ends that alert and no other.
 * Written by the live warnings' one writer; read from any thread.
 */
final class UpstreamThreats {

  /**
   * Kept per threat as long as the live warnings keep their manual alerts: a replay clears both.
   */
  private final Map<String, UpstreamAlert> byThreat = new ConcurrentHashMap<>();

  private final Map<String, String> threatByMessage = new ConcurrentHashMap<>();

  void put(UpstreamAlert alert) {
    byThreat.put(alert.threatId(), alert);
    threatByMessage.put(key(alert.capSender(), alert.capIdentifier()), alert.threatId());
  }

  Optional<UpstreamAlert> get(String threatId) {
    return Optional.ofNullable(byThreat.get(threatId));
  }

  boolean contains(String threatId) {
    return byThreat.containsKey(threatId);
  }

  /** The threat an upstream message (by its sender and identifier) was relayed as. */
  Optional<String> threatOf(String sender, String identifier) {
    return Optional.ofNullable(threatByMessage.get(key(sender, identifier)));
  }

  /** The threats among {@code inForce} whose authority's message has expired by {@code now}. */
  List<String> expired(Iterable<String> inForce, Instant now) {
    java.util.ArrayList<String> expired = new java.util.ArrayList<>();
    for (String threat : inForce) {
      UpstreamAlert alert = byThreat.get(threat);
      if (alert != null && !now.isBefore(alert.expires())) {
        expired.add(threat);
      }
    }
    expired.sort(null);
    return expired;
  }

  void clear() {
    byThreat.clear();
    threatByMessage.clear();
  }

  private static String key(String sender, String identifier) {
    // CAP forbids spaces in both: a space cannot be part of either.
    return sender + " " + identifier;
  }
}
