package org.tocsin.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tocsin.alert.AlertEvent;
import org.tocsin.alert.AlertLevel;
import org.tocsin.alert.AlertStatus;
import org.tocsin.alert.AreaWarning;
import org.tocsin.alert.MessageType;
import org.tocsin.cap.CapIssuer;
import org.tocsin.store.Journal;
import org.tocsin.store.MutableClock;
import org.tocsin.store.TestDatabase;
import org.tocsin.store.TestDatabase.Backend;

/**
 * Deliveries shared out by partition between two workers on one database, as two nodes share them:
 * each delivers only to its partitions' subscribers, every subscriber has every message once, and
 * when one node's partitions move to the other mid-way (its lease lost, its sends cut off) nothing
 * is lost and a repeat carries the same idempotency key. A real HTTP receiver on loopback checks
 * every signature.
 */
class DeliveryPartitionsTest {

  private static final int SUBSCRIBERS = 40;
  private static final Set<Integer> FIRST_HALF = range(0, 6);
  private static final Set<Integer> SECOND_HALF = range(6, 12);
  private static final Duration LEASE = Duration.ofSeconds(30);

  @TempDir Path tempDir;

  private final MutableClock clock = new MutableClock(DeliveryTest.START);
  private final WebhookReceiver receiver = new WebhookReceiver();
  private final List<DeliveryWorker> workers = new ArrayList<>();
  private final CountDownLatch cutOff = new CountDownLatch(1);
  private TestDatabase db;
  private Webhooks webhooks;
  private Journal journal;

  @AfterEach
  void stop() throws SQLException {
    cutOff.countDown();
    workers.forEach(DeliveryWorker::close);
    receiver.close();
    if (db != null) {
      db.close();
    }
  }

  @Test
  void aSubscribersPartitionIsTheCrc32OfItsIdModuloTheCount() {
    // 0xCBF43926, CRC-32's published check value for "123456789" (ISO 3309), is 3421780262.
    assertThat(DeliveryPartitions.of("123456789")).isEqualTo((int) (3421780262L % 12));
    assertThat(DeliveryPartitions.of("")).isZero();
    Set<Integer> seen = new java.util.TreeSet<>();
    for (int i = 0; i < 1_000; i++) {
      int partition = DeliveryPartitions.of("wh_" + i);
      assertThat(partition).isBetween(0, DeliveryPartitions.COUNT - 1);
      seen.add(partition);
    }
    assertThat(seen).isEqualTo(DeliveryPartitions.all());
    assertThatThrownBy(() -> DeliveryPartitions.checked(Set.of(3, 12)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("partitions must be within [0, 12), had 12");
  }

  @Test
  void twoWorkersWithHalfThePartitionsEachDeliverEveryMessageOnceEachToItsOwnSubscribers()
      throws Exception {
    open(Backend.POSTGRESQL);
    Map<String, String> idByPath = webhooks();
    Sender first = new Sender(d -> false);
    Sender second = new Sender(d -> false);
    DeliveryWorker firstWorker = worker(first, () -> FIRST_HALF);
    DeliveryWorker secondWorker = worker(second, () -> SECOND_HALF);
    assertThat(firstWorker.ownedPartitions()).isEqualTo(FIRST_HALF);
    journalAlertUpdateAndCancel();

    // Both at once, fanning out and claiming against each other; then each until idle.
    Thread other = new Thread(() -> runUntilIdle(secondWorker));
    other.start();
    runUntilIdle(firstWorker);
    other.join();
    while (firstWorker.runUntilIdle() + secondWorker.runUntilIdle() > 0) {
      // What one fanned out while the other had gone idle.
    }

    assertEveryoneHasEveryEventInOrder(idByPath);
    assertThat(receiver.received()).hasSize(SUBSCRIBERS * 3);
    assertThat(first.partitions()).isNotEmpty().isSubsetOf(FIRST_HALF);
    assertThat(second.partitions()).isNotEmpty().isSubsetOf(SECOND_HALF);
    assertThat(first.sent.size() + second.sent.size()).isEqualTo(SUBSCRIBERS * 3);
  }

  @Test
  void partitionsHandedOverMidWayLoseNothingAndRepeatOnlyWithTheSameKey() throws Exception {
    open(Backend.POSTGRESQL);
    Map<String, String> idByPath = webhooks();
    // The first node sends two of its subscribers the update, and is cut off before it records
    // those sends; its two other senders go on.
    AtomicInteger toCutOff = new AtomicInteger(2);
    Sender first =
        new Sender(d -> d.idempotencyKey().startsWith("T1-2/") && toCutOff.getAndDecrement() > 0);
    Sender second = new Sender(d -> false);
    AtomicReference<Set<Integer>> firstOwns = new AtomicReference<>(FIRST_HALF);
    AtomicInteger firstRounds = new AtomicInteger();
    AtomicReference<Set<Integer>> secondOwns = new AtomicReference<>(SECOND_HALF);
    DeliveryWorker firstWorker =
        worker(
            first,
            () -> {
              firstRounds.incrementAndGet();
              return firstOwns.get();
            });
    DeliveryWorker secondWorker = worker(second, secondOwns::get);
    journal(event(1, MessageType.ALERT, shelter()));
    firstWorker.runUntilIdle();
    secondWorker.runUntilIdle();
    assertThat(receiver.received()).hasSize(SUBSCRIBERS);

    journal(event(2, MessageType.UPDATE, prepare()));
    journal(event(3, MessageType.CANCEL));
    firstWorker.start();
    await().atMost(Duration.ofSeconds(30)).until(() -> first.stuck.get() == 2);
    // Its lease lost: the other node owns every partition. The first's loop goes on; once the
    // round under way has ended (two more have begun), it must send nothing more.
    firstOwns.set(Set.of());
    secondOwns.set(DeliveryPartitions.all());
    int roundsAtHandOver = firstRounds.get();
    await().atMost(Duration.ofSeconds(30)).until(() -> firstRounds.get() >= roundsAtHandOver + 3);
    int sentBeforeHandOver = first.sent.size();
    secondWorker.runUntilIdle();
    clock.advance(LEASE.plusSeconds(1)); // what the cut-off node had claimed comes back
    while (secondWorker.runUntilIdle() > 0) {
      // Until the cancel has reached everyone.
    }

    assertEveryoneHasEveryEventInOrder(idByPath);
    assertThat(first.sent)
        .as("sent by the first node after the hand-over")
        .hasSize(sentBeforeHandOver);
    assertThat(first.partitions()).isSubsetOf(FIRST_HALF);
    assertThat(second.partitions())
        .as("the second node delivered to the first's subscribers after the hand-over")
        .containsAnyElementsOf(FIRST_HALF);
    // The two sends never recorded are repeated, under their keys; nothing else is.
    assertThat(receiver.received()).hasSize(SUBSCRIBERS * 3 + 2);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aDeliveryLeftPendingWithoutAPartitionByAnEarlierReleaseIsDeliveredByItsOwner(Backend backend)
      throws Exception {
    open(backend);
    Map<String, String> idByPath = webhooks();
    journal(event(1, MessageType.ALERT, shelter()));
    // Fanned out only: as an earlier release left them, pending and with no partition.
    Sender none = new Sender(d -> false);
    worker(none, Set::of).runUntilIdle();
    try (Connection jdbc = db.jdbc();
        Statement statement = jdbc.createStatement()) {
      assertThat(statement.executeUpdate("UPDATE delivery SET subscriber_partition = NULL"))
          .isEqualTo(SUBSCRIBERS);
    }

    Sender owner = new Sender(d -> false);
    worker(owner, DeliveryPartitions::all).runUntilIdle();

    assertThat(none.sent).isEmpty();
    assertThat(receiver.received()).hasSize(SUBSCRIBERS);
    try (Connection jdbc = db.jdbc();
        Statement statement = jdbc.createStatement();
        var rows =
            statement.executeQuery("SELECT subscriber_id, subscriber_partition FROM delivery")) {
      while (rows.next()) {
        assertThat(rows.getInt(2)).isEqualTo(DeliveryPartitions.of(rows.getString(1)));
      }
    }
    assertThat(idByPath).hasSize(SUBSCRIBERS);
  }

  // --- helpers

  /**
   * The real webhook transport, recording who it sent to; a send {@code cutOffAfter} picks is made,
   * then never returns until the test ends (its node cut off before recording it).
   */
  private final class Sender implements Transport {
    final List<Delivery> sent = new CopyOnWriteArrayList<>();
    final AtomicInteger stuck = new AtomicInteger();
    private final Predicate<Delivery> cutOffAfter;
    private Transport real;

    Sender(Predicate<Delivery> cutOffAfter) {
      this.cutOffAfter = cutOffAfter;
    }

    @Override
    public Outcome send(Delivery delivery) {
      sent.add(delivery);
      Outcome outcome = real.send(delivery);
      if (cutOffAfter.test(delivery)) {
        stuck.incrementAndGet();
        try {
          cutOff.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return outcome;
    }

    @Override
    public void remove(String subscriberId) {
      real.remove(subscriberId);
    }

    Set<Integer> partitions() {
      return sent.stream()
          .map(d -> DeliveryPartitions.of(d.subscriberId()))
          .collect(Collectors.toSet());
    }
  }

  private void open(Backend backend) throws SQLException {
    db = TestDatabase.create(backend, tempDir);
    webhooks = new Webhooks(db.database(), clock);
    journal = new Journal(db.database(), clock);
  }

  private DeliveryWorker worker(Sender sender, Supplier<Set<Integer>> owned) {
    sender.real = new WebhookTransport(webhooks, clock);
    DeliveryWorker worker =
        new DeliveryWorker(
            db.database(),
            new Payloads(
                DeliveryTest.AREAS,
                AlertStatus.EXERCISE,
                new CapIssuer("tocsin@localhost", "series01")),
            List.of(
                Channel.webhooks(webhooks, sender, "https://alerts.example.org", 4)
                    .withRetries(RetryPolicy.WEBHOOK)),
            clock,
            new Random(7),
            new SimpleMeterRegistry(),
            LEASE,
            owned);
    workers.add(worker);
    return worker;
  }

  private static void runUntilIdle(DeliveryWorker worker) {
    try {
      worker.runUntilIdle();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The webhooks, each on A1: their ids by path. */
  private Map<String, String> webhooks() {
    Map<String, String> idByPath = new HashMap<>();
    for (int i = 0; i < SUBSCRIBERS; i++) {
      String path = "/w" + i;
      WebhookSubscriber added =
          webhooks.addForAreas(receiver.url(path), List.of("A1"), AlertLevel.PREPARE);
      receiver.expect(path, added.secret());
      idByPath.put(path, added.id());
    }
    Set<Integer> partitions =
        idByPath.values().stream().map(DeliveryPartitions::of).collect(Collectors.toSet());
    assertThat(partitions)
        .as("the subscribers' partitions, in both halves")
        .containsAnyElementsOf(FIRST_HALF)
        .containsAnyElementsOf(SECOND_HALF);
    return idByPath;
  }

  private void journalAlertUpdateAndCancel() {
    journal(event(1, MessageType.ALERT, shelter()));
    journal(event(2, MessageType.UPDATE, prepare()));
    journal(event(3, MessageType.CANCEL));
  }

  /** Every webhook has T1-1, T1-2 and T1-3, in that order, each under its own key. */
  private void assertEveryoneHasEveryEventInOrder(Map<String, String> idByPath) {
    assertThat(receiver.badSignatures()).isZero();
    Map<String, Set<String>> byPath = new HashMap<>();
    for (WebhookReceiver.Received received : receiver.received()) {
      String id = idByPath.get(received.path());
      assertThat(received.deliveryKey()).isEqualTo(received.event() + "/webhook/" + id);
      byPath.computeIfAbsent(received.path(), p -> new LinkedHashSet<>()).add(received.event());
    }
    assertThat(byPath).hasSize(SUBSCRIBERS);
    byPath.forEach(
        (path, events) ->
            assertThat(List.copyOf(events)).as(path).containsExactly("T1-1", "T1-2", "T1-3"));
  }

  private void journal(AlertEvent event) {
    journal.appendAlertEvent(event, List.of(Channels.WEBHOOK));
  }

  private AlertEvent event(int number, MessageType type, AreaWarning... areas) {
    return new AlertEvent(
        "T1-" + number,
        clock.instant(),
        "T1",
        type,
        List.of(areas),
        "test",
        number == 1 ? Optional.empty() : Optional.of("T1-" + (number - 1)));
  }

  private AreaWarning shelter() {
    return new AreaWarning("A1", AlertLevel.SHELTER, 0.5, clock.instant().plusSeconds(600));
  }

  private AreaWarning prepare() {
    return new AreaWarning("A1", AlertLevel.PREPARE, 0.1, clock.instant().plusSeconds(600));
  }

  private static Set<Integer> range(int from, int to) {
    return IntStream.range(from, to).boxed().collect(Collectors.toUnmodifiableSet());
  }
}
