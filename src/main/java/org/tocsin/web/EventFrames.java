package org.tocsin.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Supplier;
import org.tocsin.node.LiveWarnings;
import org.tocsin.node.PublishedEvent;

/**
 * Each event's event-stream frame ({@code id:}, {@code event: alert}, {@code data:} and the blank
 * line), serialised once and sent as the same bytes to every client, live or resuming: a thousand
 * clients cost one serialisation, not a thousand.
 *
 * <p>The data is the event's JSON as it was when first serialised, at publication for an event
 * published while the server runs: its {@code serverTime} and {@code secondsToArrival} are as of
 * then, and say so. Frames are kept as long as the live warnings keep the events they frame
 * (clients resume after any of them), {@link LiveWarnings#MAX_EVENTS} at most.
 */
final class EventFrames {

  private final ApiViews views;
  private final Supplier<Instant> now;
  private final ConcurrentSkipListMap<Long, byte[]> bySequence = new ConcurrentSkipListMap<>();

  /**
   * @param now the server's clock, for the {@code serverTime} of each event
   */
  EventFrames(ApiViews views, Supplier<Instant> now) {
    this.views = views;
    this.now = now;
  }

  /** The frame of {@code event}, serialised now if it never was. */
  byte[] of(PublishedEvent event) {
    byte[] frame = bySequence.computeIfAbsent(event.sequence(), sequence -> serialise(event));
    // As many frames as the live warnings keep events: the oldest go first.
    while (bySequence.size() > LiveWarnings.MAX_EVENTS) {
      bySequence.pollFirstEntry();
    }
    return frame;
  }

  private byte[] serialise(PublishedEvent event) {
    // One line of JSON: it has no line breaks, which would end the data field.
    String frame =
        "id: "
            + event.sequence()
            + "\nevent: alert\ndata: "
            + views.event(event, now.get())
            + "\n\n";
    return frame.getBytes(StandardCharsets.UTF_8);
  }
}
