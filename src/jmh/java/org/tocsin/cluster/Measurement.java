package org.tocsin.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one setup's measured pass gave: the POSTs' round trips and, on each node's stream, the span
 * from sending a POST to the arrival of each event that POST decided.
 *
 * <p>Which POST decided an event: the one whose span holds the event's time. A node decides a batch
 * at its clock's time while it answers the POST (a single node), or at the time Kafka appends it,
 * which is before the broker acknowledges it and so before the node answers (a cluster). Events of
 * the ticks (deadlines, stand-downs) are decided between POSTs and count as nobody's; one that
 * falls within a POST's few milliseconds by chance would be counted with it. A single node's
 * answers name their events, which checks the matching ({@link #checked}).
 *
 * @param setup the setup's name
 * @param roles which node took the reports, which ran the engine, which stream is the headline
 * @param roundTrips the POSTs' round trips
 * @param byNode each node's stream: the spans from POST sent to event received
 * @param headline the node whose stream the comparison takes
 * @param afterDecision on the headline's stream, from the event's time (the node's clock as it
 *     decided, or Kafka's as it appended the batch) to its arrival: the latency less the way in
 * @param eachEvent on the headline's stream, by each deciding batch's second in the scenario, the
 *     latency (ms) of its last event to arrive, in order
 * @param byTicks events during the pass that no POST decided
 * @param checked for a single node, "matched M of the N events its answers named"; else empty
 * @param load the machine's load average (1 min) at the pass's start and end
 */
record Measurement(
    String setup,
    String roles,
    Spread roundTrips,
    Map<String, Spread> byNode,
    String headline,
    Spread afterDecision,
    Map<String, Double> eachEvent,
    int byTicks,
    String checked,
    String load) {

  static Measurement of(
      NodeSet set, List<PacedPoster.Posted> posted, List<StreamTimer> streams, String load) {
    Map<String, Spread> byNode = new LinkedHashMap<>();
    List<Double> afterDecision = new ArrayList<>();
    Map<String, Double> eachEvent = new LinkedHashMap<>();
    int byTicks = 0;
    Set<String> matched = new HashSet<>();
    Instant first = posted.get(0).sent();
    Instant last = posted.get(posted.size() - 1).answered();
    for (StreamTimer stream : streams) {
      List<Double> latencies = new ArrayList<>();
      for (StreamTimer.Arrival arrival : stream.arrivals()) {
        if (arrival.decided().isBefore(first) || arrival.decided().isAfter(last)) {
          continue; // the warm-up's, or after the pass
        }
        PacedPoster.Posted cause =
            posted.stream().filter(p -> p.spans(arrival.decided())).findFirst().orElse(null);
        if (cause == null) {
          byTicks++;
        } else {
          double latencyMs = (arrival.arrivedNs() - cause.sentNs()) / 1e6;
          latencies.add(latencyMs);
          if (stream.node().equals(set.measured().name)) {
            double wayInMs = Duration.between(cause.sent(), arrival.decided()).toNanos() / 1e6;
            afterDecision.add(latencyMs - wayInMs);
            eachEvent.merge("s" + cause.scenarioS(), latencyMs, Math::max);
          }
          matched.add(arrival.eventId());
        }
      }
      byNode.put(stream.node(), Spread.of(latencies));
    }
    Set<String> named = new HashSet<>();
    posted.forEach(p -> named.addAll(p.events()));
    String checked = "";
    if (!named.isEmpty()) {
      long both = named.stream().filter(matched::contains).count();
      checked =
          "matched "
              + both
              + " of the "
              + named.size()
              + " events its answers named, "
              + (matched.size() - both)
              + " more";
    }
    String roles =
        set.nodes().size() == 1
            ? set.poster().name
            : "POST to "
                + set.poster().name
                + ", engine on "
                + set.engine().name
                + ", stream on "
                + set.measured().name;
    return new Measurement(
        set.name(),
        roles,
        Spread.of(posted.stream().map(PacedPoster.Posted::roundTripMs).toList()),
        byNode,
        set.measured().name,
        Spread.of(afterDecision),
        eachEvent,
        byTicks / Math.max(1, streams.size()),
        checked,
        load);
  }

  /** The headline stream's spread. */
  Spread latency() {
    return byNode.get(headline);
  }
}
