package org.tocsin.web;

import io.javalin.http.Context;
import io.javalin.http.NotAcceptableResponse;
import io.javalin.http.ServiceUnavailableResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.tocsin.node.EventSource;
import org.tocsin.node.LiveWarnings;
import org.tocsin.node.PublishedEvent;

/**
 * The server-sent-events stream (the WHATWG HTML "server-sent events" format) of {@code GET
 * /api/v1/events}: a client that resumes ({@code Last-Event-ID}) gets what it missed, a new client
 * the alerts in force (the latest event of each threat still warned for, not the whole history);
 * then both follow the live events, with a heartbeat comment so that proxies keep the connection
 * and a dead client is noticed.
 *
 * <p>Written here rather than with Javalin's SSE handler, which answers an empty {@code 200
 * text/plain} to any client that does not send {@code Accept: text/event-stream} (curl, most
 * scripts), writes its frames in ISO-8859-1 and holds a thread per client. Any client is streamed
 * to unless its {@code Accept} rules the stream out (406).
 *
 * <p>Built for thousands of clients: each event is serialised once ({@link EventFrames}); a client
 * is an async request written with non-blocking output ({@link SseClient}), so it holds no thread;
 * {@value #WRITERS} shared threads write frames as they arrive and one sends every heartbeat. A
 * publication only queues the frame for each client, so no client, slow or gone, delays or fails
 * ingest. At most {@code --max-event-clients} clients at once (the rest get 503 and {@code
 * Retry-After}), which bounds the memory and the sockets they hold.
 */
final class EventStream implements AutoCloseable {

  static final String MEDIA_TYPE = "text/event-stream";

  /** How long a client waits before reconnecting, sent as {@code retry:}. */
  static final Duration RECONNECT = Duration.ofSeconds(3);

  /** The threads that write frames: writes never block, so two keep up with every client. */
  static final int WRITERS = 2;

  /**
   * Clients a writer writes to in one task of a broadcast: small enough that both writers share the
   * work evenly, large enough that tasks cost nothing next to the writes.
   */
  static final int WRITE_SHARE = 500;

  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");
  private static final byte[] RETRY =
      ("retry: " + RECONNECT.toMillis() + "\n\n").getBytes(StandardCharsets.UTF_8);
  private static final byte[] HEARTBEAT = ": heartbeat\n\n".getBytes(StandardCharsets.UTF_8);

  private final LiveWarnings live;
  private final EventSource source;
  private final EventFrames frames;
  private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
  private final int maxClients;
  private final Semaphore slots;
  private final ExecutorService writers =
      Executors.newFixedThreadPool(WRITERS, daemon("sse-writer"));
  private final ScheduledExecutorService heartbeats =
      Executors.newSingleThreadScheduledExecutor(daemon("sse-heartbeat"));
  private final Consumer<PublishedEvent> subscriber = this::publish;

  /** The latest event of each threat, for new clients: guarded by the source's lock. */
  private final Map<String, PublishedEvent> latestByThreat = new HashMap<>();

  private EventStream(LiveWarnings live, EventSource source, ApiViews views, int maxClients) {
    this.live = live;
    this.source = source;
    this.maxClients = maxClients;
    this.slots = new Semaphore(maxClients);
    this.frames = new EventFrames(views, live::now);
  }

  /**
   * Starts the stream of {@code live}'s events.
   *
   * @param heartbeatEvery how often every client is sent a heartbeat comment
   * @param maxClients the most clients streamed to at once: a client costs no thread, only its
   *     socket and a queue of shared frames; beyond, a client is told to come back (503); checked
   *     by {@link ServerOptions}
   */
  static EventStream start(
      LiveWarnings live,
      EventSource source,
      ApiViews views,
      Duration heartbeatEvery,
      int maxClients) {
    EventStream stream = new EventStream(live, source, views, maxClients);
    synchronized (source.lock()) {
      // Under the publisher's lock, so that no event falls between the history and the live feed.
      source.eventsAfter(0).forEach(stream::remember);
      source.subscribe(stream.subscriber);
    }
    long periodMs = heartbeatEvery.toMillis();
    stream.heartbeats.scheduleAtFixedRate(
        stream::heartbeat, periodMs, periodMs, TimeUnit.MILLISECONDS);
    return stream;
  }

  /**
   * Handles {@code GET /api/v1/events}.
   *
   * @throws IllegalArgumentException when {@code Last-Event-ID} is not an event id
   */
  void handle(Context ctx) {
    OptionalLong lastEventId = lastEventId(ctx.header("Last-Event-ID"));
    if (!accepts(ctx.header("Accept"))) {
      throw new NotAcceptableResponse(
          "Accept: must allow " + MEDIA_TYPE + ", was '" + ctx.header("Accept") + "'");
    }
    if (!slots.tryAcquire()) {
      ctx.header("Retry-After", Long.toString(RECONNECT.toSeconds()));
      throw new ServiceUnavailableResponse(
          "the server streams to at most " + maxClients + " clients at once; try again");
    }
    HttpServletResponse response = ctx.res();
    response.setStatus(200);
    response.setContentType(MEDIA_TYPE + "; charset=utf-8");
    response.setHeader("Cache-Control", "no-cache");
    response.setHeader("X-Accel-Buffering", "no");
    SseClient client = new SseClient(writers, this::leave);
    client.queue(RETRY);
    // Called once the request is async: the client then holds no thread until it closes.
    ctx.future(
        () -> {
          try {
            ctx.req().getAsyncContext().addListener(client);
            client.start(response.getOutputStream());
            join(client, lastEventId);
          } catch (IOException e) {
            client.close();
            throw new UncheckedIOException(e);
          } catch (RuntimeException e) {
            client.close();
            throw e;
          }
          return client.done();
        });
  }

  private void leave(SseClient client) {
    clients.remove(client);
    slots.release();
  }

  /**
   * Sends a new client what it missed and adds it to the live feed, under the pipeline's lock: no
   * event falls between the two, and none is sent twice.
   */
  private void join(SseClient client, OptionalLong lastEventId) {
    synchronized (source.lock()) {
      List<PublishedEvent> missed =
          lastEventId.isPresent() ? source.eventsAfter(lastEventId.getAsLong()) : inForce();
      missed.forEach(event -> client.queue(frames.of(event)));
      clients.add(client);
    }
    if (client.isClosed()) {
      // It closed while joining, perhaps before it was added: it must not stay.
      clients.remove(client);
    }
  }

  /** The latest event of each threat with warnings in force, in publication order. */
  private List<PublishedEvent> inForce() {
    List<PublishedEvent> latest = new ArrayList<>();
    for (String threat : live.inForce().keySet()) {
      PublishedEvent event = latestByThreat.get(threat);
      if (event != null) {
        latest.add(event);
      }
    }
    latest.sort(Comparator.comparingLong(PublishedEvent::sequence));
    return latest;
  }

  private void remember(PublishedEvent event) {
    if (event.event().type().endsWarnings()) {
      // Stood down: a new client is sent nothing of it, so nothing of it is kept.
      latestByThreat.remove(event.event().threatId());
    } else {
      latestByThreat.put(event.event().threatId(), event);
    }
  }

  /**
   * Called by the pipeline, under its lock, for each event it publishes: only queues the frame for
   * each client (a reference each), and leaves the writing to the writers.
   */
  private void publish(PublishedEvent event) {
    remember(event);
    byte[] frame = frames.of(event);
    List<SseClient> receivers = new ArrayList<>(clients.size());
    for (SseClient client : clients) {
      if (client.offer(frame)) {
        receivers.add(client);
      }
    }
    writeAll(receivers);
  }

  private void heartbeat() {
    List<SseClient> all = List.copyOf(clients);
    for (SseClient client : all) {
      client.heartbeat(HEARTBEAT);
    }
    writeAll(all);
  }

  /**
   * Has the writers write what is queued for {@code receivers}, a task for each {@value
   * #WRITE_SHARE} of them rather than one per client: with 20,000 clients, a task each kept the
   * publisher and the writers contending on the pool's queue for as long as the writes took.
   */
  private void writeAll(List<SseClient> receivers) {
    for (int from = 0; from < receivers.size(); from += WRITE_SHARE) {
      List<SseClient> share =
          receivers.subList(from, Math.min(receivers.size(), from + WRITE_SHARE));
      try {
        writers.execute(() -> share.forEach(SseClient::write));
      } catch (RejectedExecutionException e) {
        // The stream is closing, and its clients with it.
        return;
      }
    }
  }

  /** Closes every client and stops: the server stops. */
  @Override
  public void close() {
    source.unsubscribe(subscriber);
    heartbeats.shutdownNow();
    List.copyOf(clients).forEach(SseClient::close);
    writers.shutdownNow();
  }

  /**
   * The id after which to resume: empty for none (a new client).
   *
   * @throws IllegalArgumentException when the header is not a non-negative decimal integer
   */
  static OptionalLong lastEventId(String header) {
    if (header == null || header.isEmpty()) {
      return OptionalLong.empty();
    }
    if (!DIGITS.matcher(header).matches()) {
      throw new IllegalArgumentException(
          "Last-Event-ID: must be an event id (digits only, as sent in id:), was '" + header + "'");
    }
    return OptionalLong.of(Long.parseLong(header));
  }

  /** Whether an {@code Accept} header allows the stream: absent, a wildcard or the type itself. */
  static boolean accepts(String accept) {
    if (accept == null || accept.isBlank()) {
      return true;
    }
    for (String range : accept.split(",")) {
      String[] parts = range.split(";");
      String type = parts[0].trim().toLowerCase(Locale.ROOT);
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

  private static ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
