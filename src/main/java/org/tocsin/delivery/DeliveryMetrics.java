package org.tocsin.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The deliveries' meters, tagged by channel: attempts that were taken ({@code
 * tocsin_deliveries_sent}), that failed ({@code _failed}), that were scheduled again ({@code
 * _retried}), deliveries given up ({@code _dead}), and the latency from the alert event's decision
 * to the receiver's answer ({@code tocsin_delivery_latency}), the figure a warning is judged by.
 */
final class DeliveryMetrics {

  private final MeterRegistry registry;
  private final Map<String, Meters> byChannel = new ConcurrentHashMap<>();

  private record Meters(
      Counter sent, Counter failed, Counter retried, Counter dead, Timer latency) {}

  DeliveryMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void sent(String channel, Duration latency) {
    Meters meters = meters(channel);
    meters.sent().increment();
    meters.latency().record(latency.isNegative() ? Duration.ZERO : latency);
  }

  void failed(String channel) {
    meters(channel).failed().increment();
  }

  void retried(String channel) {
    meters(channel).retried().increment();
  }

  void dead(String channel) {
    meters(channel).dead().increment();
  }

  private Meters meters(String channel) {
    return byChannel.computeIfAbsent(
        channel,
        name ->
            new Meters(
                counter("tocsin_deliveries_sent", "Deliveries the receiver took", name),
                counter("tocsin_deliveries_failed", "Delivery attempts that failed", name),
                counter("tocsin_deliveries_retried", "Failed deliveries scheduled again", name),
                counter("tocsin_deliveries_dead", "Deliveries given up after retries", name),
                Timer.builder("tocsin_delivery_latency")
                    .description("From the alert event's decision to the receiver's answer")
                    .tag("channel", name)
                    .publishPercentiles(0.5, 0.99)
                    .register(registry)));
  }

  private Counter counter(String meter, String description, String channel) {
    return Counter.builder(meter)
        .description(description)
        .tag("channel", channel)
        .register(registry);
  }
}
