package org.tocsin.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import org.tocsin.store.Database;
import org.tocsin.store.Outbox;
import org.tocsin.store.StoreException;

/**
 * The one outbox worker that feeds every delivery channel.
 *
 * <p>Each round it fans the due outbox messages of each channel out into deliveries ({@link
 * FanOut}), then claims the due deliveries ({@link Deliveries}: at most one per subscriber, so a
 * subscriber's messages go in order) up to the channel's free senders, and hands each to the
 * channel's {@link Transport} on a bounded pool. What an attempt came to is recorded at once:
 * delivered, retried later by the channel's {@link RetryPolicy} (with jitter from the injected
 * random generator), dead once the policy gives up or the receiver refuses for good, or the
 * subscriber removed when it is gone. A crash loses nothing: what was claimed and not recorded is
 * claimed again after its lease, under the same idempotency key.
 *
 * <p>Several nodes share the deliveries out by partition ({@link DeliveryPartitions}): each round
 * claims only the deliveries of the partitions this node owns at that moment (on Kafka, what the
 * delivery lease of package {@code bus} says). A partition that moves to another node takes its
 * pending deliveries with it; those this worker had claimed come back to the new owner after their
 * lease, under the same key. The fan-out runs on every node: each outbox message is claimed by one
 * worker (on PostgreSQL with {@code SKIP LOCKED}) and its deliveries are unique by subscriber and
 * event, so workers on several nodes make every delivery once, whichever partitions they own.
 */
public final class DeliveryWorker implements AutoCloseable {

  /** How long a claimed outbox message or delivery stays with this worker. */
  public static final Duration LEASE = Duration.ofSeconds(60);

  /** How many outbox messages one round fans out, per channel. */
  private static final int FAN_OUT_BATCH = 8;

  /** The most deliveries one claim returns. */
  private static final int CLAIM_BATCH = 256;

  private static final Duration IDLE_POLL = Duration.ofMillis(250);

  private final Database database;
  private final List<Channel> channels;
  private final Map<String, Semaphore> senders;
  private final FanOut fanOut;
  private final Deliveries deliveries;
  private final Clock clock;
  private final RandomGenerator random;
  private final DeliveryMetrics metrics;
  private final ExecutorService pool;
  private final Supplier<Set<Integer>> ownedPartitions;
  private final Semaphore wakeUps = new Semaphore(0);
  private volatile boolean partitionsFilled;
  private volatile boolean running;
  private Thread loop;

  /**
   * A worker that does nothing until {@link #start()} or {@link #runUntilIdle()}.
   *
   * @param payloads builds what each subscriber is sent
   * @param clock when things are due; stamps the records; measures latency
   * @param random the retries' jitter
   */
  public DeliveryWorker(
      Database database,
      Payloads payloads,
      List<Channel> channels,
      Clock clock,
      RandomGenerator random,
      MeterRegistry registry) {
    this(database, payloads, channels, clock, random, registry, LEASE);
  }

  /**
   * A worker whose claims last {@code lease}: longer than an attempt may take ({@link
   * WebhookTransport#TIMEOUT}); a test of crashes shortens it to wait less for what a killed worker
   * held. It delivers for every partition, as a node that runs alone.
   */
  public DeliveryWorker(
      Database database,
      Payloads payloads,
      List<Channel> channels,
      Clock clock,
      RandomGenerator random,
      MeterRegistry registry,
      Duration lease) {
    this(database, payloads, channels, clock, random, registry, lease, DeliveryPartitions::all);
  }

  /**
   * A worker that delivers only for the partitions this node owns.
   *
   * @param ownedPartitions the partitions owned now, asked each round: thread-safe, quick, never
   *     blocking (a lease's snapshot); an empty set delivers nothing (the fan-out goes on)
   */
  public DeliveryWorker(
      Database database,
      Payloads payloads,
      List<Channel> channels,
      Clock clock,
      RandomGenerator random,
      MeterRegistry registry,
      Duration lease,
      Supplier<Set<Integer>> ownedPartitions) {
    this.ownedPartitions = Objects.requireNonNull(ownedPartitions, "ownedPartitions");
    this.database = Objects.requireNonNull(database, "database");
    this.channels = List.copyOf(channels);
    if (this.channels.stream().map(Channel::name).distinct().count() != this.channels.size()) {
      throw new IllegalArgumentException("channels must have distinct names");
    }
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
    this.metrics = new DeliveryMetrics(Objects.requireNonNull(registry, "registry"));
    this.fanOut = new FanOut(database, new Outbox(database, clock, lease), payloads, clock);
    this.deliveries = new Deliveries(database, clock, lease);
    this.senders =
        this.channels.stream()
            .collect(Collectors.toMap(Channel::name, c -> new Semaphore(c.concurrency)));
    int threads = this.channels.stream().mapToInt(c -> c.concurrency).sum();
    this.pool =
        Executors.newFixedThreadPool(
            Math.max(1, threads),
            runnable -> {
              Thread thread = new Thread(runnable, "delivery-send");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** The partitions this worker delivers for now. */
  public Set<Integer> ownedPartitions() {
    return DeliveryPartitions.checked(ownedPartitions.get());
  }

  /** Starts delivering on a thread of its own, until {@link #close()}. */
  public synchronized void start() {
    if (loop != null) {
      throw new IllegalStateException("the delivery worker is started already");
    }
    running = true;
    Deliveries.analyze(database); // a restart may find deliveries made since the last analysis
    loop = new Thread(this::loop, "delivery");
    loop.setDaemon(true);
    loop.start();
  }

  /**
   * Runs rounds, each waiting for its attempts, until one finds nothing due: what a test or a
   * benchmark calls instead of {@link #start()}, with the clock where it wants it.
   *
   * @return how many outbox messages and deliveries it handled
   */
  public int runUntilIdle() throws InterruptedException {
    int total = 0;
    while (true) {
      int handled = round(true);
      if (handled == 0) {
        return total;
      }
      total += handled;
    }
  }

  private void loop() {
    while (running) {
      try {
        if (round(false) == 0) {
          wakeUps.tryAcquire(IDLE_POLL.toMillis(), TimeUnit.MILLISECONDS);
          wakeUps.drainPermits();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        // The database is away or a record unreadable: the leases bring everything back.
        System.err.println("delivery: " + e.getMessage());
        sleepQuietly(Duration.ofSeconds(1));
      }
    }
  }

  /** One round; returns how many outbox messages and deliveries it handled. */
  private int round(boolean waitForAttempts) throws InterruptedException {
    if (!partitionsFilled) {
      // Before the first claim: deliveries left pending by a release without partitions.
      Deliveries.fillPartitions(database);
      partitionsFilled = true;
    }
    int handled = 0;
    for (Channel channel : channels) {
      handled += fanOut.expandDue(channel, FAN_OUT_BATCH);
    }
    List<Future<?>> attempts = new ArrayList<>();
    Set<Integer> owned = ownedPartitions();
    for (Channel channel : channels) {
      Semaphore free = senders.get(channel.name);
      int available = Math.min(free.availablePermits(), CLAIM_BATCH);
      // A claim is one query whatever it returns: wait for a quarter of the senders to be free
      // rather than claim for each one that finishes (one claim per delivery halved throughput).
      int worthAClaim = Math.max(1, Math.min(channel.concurrency / 4, CLAIM_BATCH));
      if (available < worthAClaim || !free.tryAcquire(available)) {
        continue;
      }
      List<Delivery> claimed = deliveries.claim(channel.name, owned, available);
      free.release(available - claimed.size());
      for (Delivery delivery : claimed) {
        attempts.add(
            pool.submit(
                () -> {
                  try {
                    attempt(channel, delivery);
                  } finally {
                    free.release();
                    wakeUps.release();
                  }
                }));
      }
      handled += claimed.size();
    }
    if (waitForAttempts) {
      for (Future<?> attempt : attempts) {
        try {
          attempt.get();
        } catch (java.util.concurrent.ExecutionException e) {
          throw new IllegalStateException("a delivery attempt failed", e.getCause());
        }
      }
    }
    return handled;
  }

  private void attempt(Channel channel, Delivery delivery) {
    Outcome outcome;
    try {
      outcome = channel.transport.send(delivery);
    } catch (RuntimeException e) {
      outcome = Outcome.retry("transport failed: " + e);
    }
    Instant now = clock.instant();
    try {
      record(channel, delivery, outcome, now);
    } catch (StoreException e) {
      // Not recorded: the lease runs out and the delivery is made again, with the same key.
      System.err.println("delivery: " + e.getMessage());
    }
  }

  private void record(Channel channel, Delivery delivery, Outcome outcome, Instant now) {
    String name = channel.name;
    if (outcome instanceof Outcome.Delivered) {
      deliveries.markDelivered(delivery.id());
      metrics.sent(name, Duration.between(delivery.eventTime(), now));
      return;
    }
    metrics.failed(name);
    if (outcome instanceof Outcome.Retry retry) {
      Optional<Instant> next =
          channel.retries.next(
              delivery.attempt(), delivery.createdAt(), now, retry.retryAfter(), random);
      if (next.isPresent()) {
        deliveries.markRetry(
            delivery.id(), "attempt " + delivery.attempt() + ": " + retry.reason(), next.get());
        metrics.retried(name);
        return;
      }
      deliveries.markDead(
          delivery.id(),
          "gave up after "
              + delivery.attempt()
              + " attempts over "
              + channel.retries.window()
              + "; last: "
              + retry.reason());
    } else if (outcome instanceof Outcome.Gone) {
      deliveries.markDead(delivery.id(), "subscriber gone: " + outcome.reason());
      channel.transport.remove(delivery.subscriberId());
    } else {
      deliveries.markDead(delivery.id(), "refused for good: " + outcome.reason());
    }
    metrics.dead(name);
  }

  private static void sleepQuietly(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the loop and the senders; what is in flight is repeated after its lease. */
  @Override
  public void close() {
    running = false;
    Thread started;
    synchronized (this) {
      started = loop;
    }
    if (started != null) {
      started.interrupt();
      try {
        started.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    pool.shutdownNow();
  }
}
