package org.tocsin.web;

import io.javalin.http.Context;
import io.javalin.http.NotAcceptableResponse;
import io.javalin.http.ServiceUnavailableResponse;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * One server-sent-events client (the WHATWG HTML "server-sent events" format): replays what it
 * missed (after its {@code Last-Event-ID}), then follows the live events, with a heartbeat comment
 * so that proxies keep the connection and a dead client is noticed.
 *
 * <p>Written here rather than with Javalin's SSE handler, which answers an empty {@code 200
 * text/plain} to any client that does not send {@code Accept: text/event-stream} (curl, most
 * scripts) and writes its frames in ISO-8859-1. Any client is streamed to unless its {@code Accept}
 * rules the stream out (406).
 *
 * <p>Each client has its own sending thread and a bounded queue, so a slow client never holds up
 * the pipeline or the other clients; a client that falls {@value #MAX_QUEUED} events behind is
 * closed, and resumes from its last id when it reconnects.
 */
final class EventStream {

  static final String MEDIA_TYPE = "text/event-stream";

  /** How long a client waits before reconnecting, sent as {@code retry:}. */
  static final Duration RECONNECT = Duration.ofSeconds(3);

  private static final int MAX_QUEUED = 1_000;

  /** The most clients streamed to at once: each has a thread. */
  static final int MAX_CLIENTS = 1_000;

  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");

  private final Context ctx;
  private final Set<EventStream> open;
  private final LiveWarnings live;
  private final ApiViews views;
  private final ThreadPoolExecutor sender;
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Consumer<PublishedEvent> forward = this::enqueue;
  private volatile ScheduledFuture<?> heartbeat;

  private EventStream(Context ctx, Set<EventStream> open, LiveWarnings live, ApiViews views) {
    this.ctx = ctx;
    this.open = open;
    this.live = live;
    this.views = views;
    this.sender =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(MAX_QUEUED),
            runnable -> {
              Thread thread = new Thread(runnable, "sse-client");
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Handles {@code GET /api/v1/events}.
   *
   * @param open the clients streamed to now, which this one joins until it closes
   * @param heartbeats the scheduler of every client's heartbeat
   * @param heartbeatEvery how often a client is sent a heartbeat comment
   * @throws IllegalArgumentException when {@code Last-Event-ID} is not an event id
   */
  static void handle(
      Context ctx,
      Set<EventStream> open,
      LiveWarnings live,
      ApiViews views,
      ScheduledExecutorService heartbeats,
      Duration heartbeatEvery) {
    long lastEventId = lastEventId(ctx.header("Last-Event-ID"));
    if (!accepts(ctx.header("Accept"))) {
      throw new NotAcceptableResponse(
          "Accept: must allow " + MEDIA_TYPE + ", was '" + ctx.header("Accept") + "'");
    }
    if (open.size() >= MAX_CLIENTS) {
      ctx.header("Retry-After", Long.toString(RECONNECT.toSeconds()));
      throw new ServiceUnavailableResponse(
          "the server streams to at most " + MAX_CLIENTS + " clients at once; try again");
    }
    new EventStream(ctx, open, live, views).start(lastEventId, heartbeats, heartbeatEvery);
  }

  /**
   * The id after which to resume: 0 for none.
   *
   * @throws IllegalArgumentException when the header is not a non-negative decimal integer
   */
  static long lastEventId(String header) {
    if (header == null || header.isEmpty()) {
      return 0;
    }
    if (!DIGITS.matcher(header).matches()) {
      throw new IllegalArgumentException(
          "Last-Event-ID: must be an event id (digits only, as sent in id:), was '" + header + "'");
    }
    return Long.parseLong(header);
  }

  /** Whether an {@code Accept} header allows the stream: absent, a wildcard or the type itself. */
  static boolean accepts(String accept) {
    if (accept == null || accept.isBlank()) {
      return true;
    }
    for (String range : accept.split(",")) {
      String[] parts = range.split(";");
      String type = parts[0].trim().toLowerCase(java.util.Locale.ROOT);
      boolean refused = false;
      for (int i = 1; i < parts.length; i++) {
        String parameter = parts[i].replace(" ", "");
        refused |= parameter.equals("q=0") || parameter.matches("q=0\\.0{0,3}");
      }
      if (!refused && (type.equals("*/*") || type.equals("text/*") || type.equals(MEDIA_TYPE))) {
        return true;
      }
    }
    return false;
  }

  private void start(
      long lastEventId, ScheduledExecutorService heartbeats, Duration heartbeatEvery) {
    HttpServletResponse response = ctx.res();
    response.setStatus(200);
    response.setContentType(MEDIA_TYPE + "; charset=utf-8");
    response.setHeader("Cache-Control", "no-cache");
    response.setHeader("X-Accel-Buffering", "no");
    // Written and flushed here, on the request's thread: commits the status and the headers.
    write("retry: " + RECONNECT.toMillis() + "\n\n");
    ctx.future(() -> done);
    open.add(this);
    synchronized (live) {
      // Under the pipeline's lock, so that no event falls between the replay and the live feed.
      live.eventsAfter(lastEventId).forEach(forward);
      live.subscribe(forward);
    }
    long periodMs = heartbeatEvery.toMillis();
    heartbeat =
        heartbeats.scheduleAtFixedRate(
            () -> submit(() -> write(": heartbeat\n\n")),
            periodMs,
            periodMs,
            TimeUnit.MILLISECONDS);
    if (closed.get()) {
      heartbeat.cancel(false);
    }
  }

  private void enqueue(PublishedEvent event) {
    submit(() -> send(event));
  }

  private void submit(Runnable task) {
    if (closed.get()) {
      return;
    }
    try {
      sender.execute(task);
    } catch (RejectedExecutionException e) {
      // Too far behind (or closing): the client reconnects and resumes from its last id.
      close();
    }
  }

  private void send(PublishedEvent event) {
    StringBuilder frame = new StringBuilder();
    frame.append("id: ").append(event.sequence()).append('\n');
    frame.append("event: alert\n");
    // One line of JSON: it has no line breaks, which would end the data field.
    frame.append("data: ").append(views.event(event, live.now())).append("\n\n");
    write(frame.toString());
  }

  private void write(String text) {
    if (closed.get()) {
      return;
    }
    try {
      ServletOutputStream out = ctx.res().getOutputStream();
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException | IllegalStateException e) {
      // The client has gone.
      close();
    }
  }

  /** Ends the stream: the client has gone, fell too far behind, or the server stops. */
  void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    open.remove(this);
    live.unsubscribe(forward);
    if (heartbeat != null) {
      heartbeat.cancel(false);
    }
    sender.shutdownNow();
    done.complete(null);
  }
}
