package org.tocsin.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.GroupState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tocsin.delivery.DeliveryPartitions;

/**
 * The delivery partitions on a real broker: two nodes' leases split the twelve between them (each
 * owned by one, none by both), and the survivor owns all twelve within 15 s when the other closes
 * its lease, or when its JVM is killed (SIGKILL: no goodbye to the group).
 */
class DeliveryLeaseIT {

  /**
   * A dead member's session lasts 6 s and the survivor hears of the rebalance at its next heartbeat
   * (2 s): about 8 to 10 s, with room for a loaded machine.
   */
  private static final Duration TAKEOVER_LIMIT = Duration.ofSeconds(15);

  private static final Duration PATIENCE = Duration.ofSeconds(90);

  private final List<Process> children = new ArrayList<>();
  private final List<DeliveryLease> leases = new ArrayList<>();

  @AfterEach
  void stopEverything() {
    leases.forEach(DeliveryLease::close);
    children.forEach(Process::destroyForcibly);
  }

  @Test
  void twoLeasesSplitThePartitionsAndTheOtherOwnsAllAtOnceWhenOneCloses() {
    KafkaSettings settings = SharedBroker.settings();
    DeliveryLease first = lease(settings);
    await().atMost(PATIENCE).until(() -> first.owned().equals(DeliveryPartitions.all()));

    DeliveryLease second = lease(settings);
    awaitStableGroupOf(settings, 2);
    await().atMost(PATIENCE).until(() -> split(first.owned(), second.owned()));
    assertThat(first.owned()).isNotEmpty();
    assertThat(second.owned()).isNotEmpty();
    assertThatThrownBy(() -> first.owned().add(99))
        .as("a snapshot, not the lease's own set")
        .isInstanceOf(UnsupportedOperationException.class);

    long closed = System.nanoTime();
    first.close();
    assertThat(first.owned()).isEmpty();
    await()
        .atMost(TAKEOVER_LIMIT)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> second.owned().equals(DeliveryPartitions.all()));
    System.out.println(
        "DeliveryLeaseIT: the other lease owned all "
            + Duration.ofNanos(System.nanoTime() - closed).toMillis()
            + " ms after the first closed");
  }

  @Test
  void theSurvivorOwnsEveryPartitionWithinFifteenSecondsOfTheOthersJvmKilled() throws Exception {
    KafkaSettings settings = SharedBroker.settings();
    KafkaBus.connect(settings, "it");
    AtomicReference<Set<Integer>> childOwns = new AtomicReference<>(Set.of());
    Process child = startHolder(settings, childOwns);
    await().atMost(PATIENCE).until(() -> childOwns.get().equals(DeliveryPartitions.all()));

    DeliveryLease survivor = lease(settings);
    awaitStableGroupOf(settings, 2);
    await().atMost(PATIENCE).until(() -> split(childOwns.get(), survivor.owned()));
    assertThat(survivor.owned()).isNotEmpty().isNotEqualTo(DeliveryPartitions.all());

    long killed = System.nanoTime();
    child.destroyForcibly();
    await()
        .atMost(TAKEOVER_LIMIT)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> survivor.owned().equals(DeliveryPartitions.all()));
    System.out.println(
        "DeliveryLeaseIT: the survivor owned all "
            + Duration.ofNanos(System.nanoTime() - killed).toMillis()
            + " ms after SIGKILL");
  }

  @Test
  void aDeliveryTopicWithAnotherNumberOfPartitionsIsRefused() throws Exception {
    KafkaSettings settings = SharedBroker.settings();
    try (Admin admin = admin(settings)) {
      admin
          .createTopics(List.of(new NewTopic(settings.deliveryTopic(), 3, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    assertThatThrownBy(() -> KafkaBus.connect(settings, "it"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "topic "
                + settings.deliveryTopic()
                + " must have exactly 12 partitions, one per delivery partition; it has 3");
  }

  /** Each partition owned by exactly one of the two. */
  private static boolean split(Set<Integer> one, Set<Integer> other) {
    Set<Integer> union = new HashSet<>(one);
    union.addAll(other);
    Set<Integer> both = new HashSet<>(one);
    both.retainAll(other);
    return union.equals(DeliveryPartitions.all()) && both.isEmpty();
  }

  private DeliveryLease lease(KafkaSettings settings) {
    DeliveryLease lease = KafkaBus.connect(settings, "it").deliveryLease();
    leases.add(lease);
    return lease;
  }

  private static Admin admin(KafkaSettings settings) {
    return Admin.create(Map.<String, Object>of("bootstrap.servers", settings.bootstrapServers()));
  }

  /** Waits until the delivery group has {@code members} members and no rebalance is going on. */
  private static void awaitStableGroupOf(KafkaSettings settings, int members) {
    try (Admin admin = admin(settings)) {
      await()
          .atMost(PATIENCE)
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                ConsumerGroupDescription group =
                    admin
                        .describeConsumerGroups(List.of(settings.deliveryGroup()))
                        .all()
                        .get(10, TimeUnit.SECONDS)
                        .get(settings.deliveryGroup());
                return group.groupState() == GroupState.STABLE && group.members().size() == members;
              });
    }
  }

  /** Starts a lease holder in a JVM of its own; {@code owns} follows what it says it owns. */
  private Process startHolder(KafkaSettings settings, AtomicReference<Set<Integer>> owns)
      throws Exception {
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx128m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            DeliveryLeaseHolderProcess.class.getName(),
            settings.bootstrapServers(),
            settings.reportsTopic(),
            settings.eventsTopic(),
            settings.engineGroup(),
            settings.deliveryTopic(),
            settings.deliveryGroup());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    children.add(process);
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                  if (line.startsWith("owned ")) {
                    String numbers = line.substring("owned ".length()).strip();
                    owns.set(
                        numbers.isEmpty()
                            ? Set.of()
                            : Arrays.stream(numbers.split(","))
                                .map(Integer::valueOf)
                                .collect(Collectors.toUnmodifiableSet()));
                  }
                }
              } catch (java.io.IOException e) {
                // The child is gone.
              }
            },
            "delivery-lease-holder-output");
    reader.setDaemon(true);
    reader.start();
    return process;
  }
}
