package org.tocsin.node;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.tocsin.alert.UpstreamAlert;

/**
 * The upstream authorities' alerts relayed, by threat, and which threat each upstream message
 * became: an Update or Cancel names the upstream messages it follows ({@code references}), and the
 * relay finds the one threat they concern, so that it replaces or ends that alert and no other.
 * Written by the live warnings' one writer; read from any thread. Bounded: see {@link #MAX_KEPT}.
 */
final class UpstreamThreats {

  /**
   * The most alerts kept: beyond it the oldest no longer in force are forgotten (their events stay
   * in the journal; a late Cancel of one finds nothing in force anyway). Days of a busy feed.
   */
  static final int MAX_KEPT = 5_000;

  private final Map<String, UpstreamAlert> byThreat = new ConcurrentHashMap<>();

  private final Map<String, String> threatByMessage = new ConcurrentHashMap<>();

  /** Threats in the order first relayed, to forget the oldest first. */
  private final ArrayDeque<String> order = new ArrayDeque<>();

  /**
   * @param inForce the threats with warnings in force, never forgotten
   */
  void put(UpstreamAlert alert, Set<String> inForce) {
    if (byThreat.put(alert.threatId(), alert) == null) {
      order.addLast(alert.threatId());
    }
    threatByMessage.put(key(alert.capSender(), alert.capIdentifier()), alert.threatId());
    for (int checked = order.size(); byThreat.size() > MAX_KEPT && checked > 0; checked--) {
      String oldest = order.pollFirst();
      if (inForce.contains(oldest) || oldest.equals(alert.threatId())) {
        order.addLast(oldest);
      } else {
        byThreat.remove(oldest);
        threatByMessage.values().removeIf(oldest::equals);
      }
    }
  }

  Optional<UpstreamAlert> get(String threatId) {
    return Optional.ofNullable(byThreat.get(threatId));
  }

  /** How many alerts are kept. */
  int size() {
    return byThreat.size();
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
    order.clear();
  }

  private static String key(String sender, String identifier) {
    // CAP forbids spaces in both: a space cannot be part of either.
    return sender + " " + identifier;
  }
}
