package org.tocsin.node;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.tocsin.alert.AlertEvent;
import org.tocsin.alert.AlertStatus;
import org.tocsin.alert.ManualAlert;
import org.tocsin.alert.UpstreamAlert;

/**
 * Who decided each threat's warnings, and so their status: people (a manual alert, with its draft's
 * status), an upstream authority (with its message's), else the engine (with the server's). Every
 * event of a threat, its corrections included, carries what its first did; nothing here changes a
 * threat's status once it is set.
 *
 * <p>Written by the writer only; read from any thread, and by subscribers during a publication, so
 * that an event published now already has its threat's origin.
 */
final class ThreatOrigins {

  private final AlertStatus status;
  private final Map<String, ManualAlert> manual = new ConcurrentHashMap<>();
  private final UpstreamThreats upstream = new UpstreamThreats();

  /**
   * @param status the server's status, which automatic warnings carry
   */
  ThreatOrigins(AlertStatus status) {
    this.status = status;
  }

  AlertStatus serverStatus() {
    return status;
  }

  AlertStatus statusOf(String threatId) {
    ManualAlert alert = manual.get(threatId);
    if (alert != null) {
      return alert.status();
    }
    return upstream.get(threatId).map(UpstreamAlert::status).orElse(status);
  }

  PublishedEvent.Origin originOf(String threatId) {
    if (manual.containsKey(threatId)) {
      return PublishedEvent.Origin.MANUAL;
    }
    return upstream.contains(threatId)
        ? PublishedEvent.Origin.UPSTREAM
        : PublishedEvent.Origin.ENGINE;
  }

  /** An event as published under {@code sequence}, with its threat's status and origin. */
  PublishedEvent published(long sequence, AlertEvent event) {
    String threat = event.threatId();
    return new PublishedEvent(
        sequence,
        event,
        statusOf(threat),
        originOf(threat),
        upstream.get(threat).map(UpstreamAlert::authority));
  }

  Optional<ManualAlert> manual(String threatId) {
    return Optional.ofNullable(manual.get(threatId));
  }

  void issued(ManualAlert alert) {
    manual.put(alert.threatId(), alert);
  }

  UpstreamThreats upstream() {
    return upstream;
  }

  void clear() {
    manual.clear();
    upstream.clear();
  }
}
