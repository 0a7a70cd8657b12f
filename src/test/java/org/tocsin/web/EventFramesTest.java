package org.tocsin.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.tocsin.area.AreaSets;
import org.tocsin.node.PublishedEvent;

/** An event is serialised for the stream once, whatever the number of clients it goes to. */
class EventFramesTest {

  @Test
  void anEventIsSerialisedOnceAndTheSameBytesServeEveryClient() {
    SeaImpactReplay replay = new SeaImpactReplay();
    replay.feedUntil("ALERT");
    PublishedEvent alert = replay.live.eventsAfter(0).get(0);
    // Counts the serialisations through the clock each one reads for serverTime.
    AtomicInteger serialisations = new AtomicInteger();
    EventFrames frames =
        new EventFrames(
            new ApiViews(AreaSets.bundled("ua-hromadas")),
            () -> {
              serialisations.incrementAndGet();
              return replay.live.now();
            });

    byte[] first = frames.of(alert);
    for (int client = 1; client < 1_000; client++) {
      assertThat(frames.of(alert)).isSameAs(first);
    }

    assertThat(serialisations).hasValue(1);
    assertThat(new String(first, StandardCharsets.UTF_8))
        .startsWith("id: " + alert.sequence() + "\nevent: alert\ndata: {")
        .endsWith("}\n\n")
        .containsOnlyOnce("\n\n");
  }
}
