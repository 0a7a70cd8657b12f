package org.tocsin.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;
import org.tocsin.node.PublishedEvent;

/**
 * A subscriber that fails (an event-stream client whose sender was shut down as it left) fails
 * neither the ingest that published nor the subscribers after it.
 */
class FailingSubscriberTest {

  @Test
  void aSubscriberThatThrowsFailsNeitherIngestNorTheOtherSubscribers() {
    SeaImpactReplay replay = new SeaImpactReplay();
    List<PublishedEvent> received = new ArrayList<>();
    replay.live.subscribe(
        event -> {
          throw new RejectedExecutionException("the client's sender was shut down");
        });
    replay.live.subscribe(received::add);

    replay.feedUntil("ALERT");
    replay.feedRest();

    List<PublishedEvent> published = replay.live.eventsAfter(0);
    assertThat(published).extracting(e -> e.event().type().name()).contains("ALERT", "CANCEL");
    assertThat(received).isEqualTo(published);
  }
}
