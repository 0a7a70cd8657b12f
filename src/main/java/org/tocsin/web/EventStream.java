package org.tocsin.web;

import io.javalin.http.sse.SseClient;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * One server-sent-events client: replays what it missed (after its {@code Last-Event-ID}), then
 * follows the live events. Each client has its own sending thread, so a slow client never holds up
 * the pipeline or the other clients.
 */
final class EventStream {

  private final SseClient client;
  private final LiveWarnings live;
  private final ApiViews views;
  private final ExecutorService sender;

  EventStream(SseClient client, LiveWarnings live, ApiViews views) {
    this.client = client;
    this.live = live;
    this.views = views;
    this.sender =
        Executors.newSingleThreadExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "sse-client");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Starts streaming from after {@code lastEventId} (0 for everything kept). */
  void start(long lastEventId) {
    client.keepAlive();
    Consumer<PublishedEvent> forward = event -> sender.execute(() -> send(event));
    synchronized (live) {
      // Under the pipeline's lock, so that no event falls between the replay and the live feed.
      live.eventsAfter(lastEventId).forEach(forward);
      live.subscribe(forward);
    }
    client.onClose(
        () -> {
          live.unsubscribe(forward);
          sender.shutdownNow();
        });
  }

  private void send(PublishedEvent event) {
    if (!client.terminated()) {
      client.sendEvent(
          "alert", views.event(event, live.now()).toString(), Long.toString(event.sequence()));
    }
  }
}
