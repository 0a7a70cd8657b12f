package org.tocsin.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine role on a real broker: one holder at a time, kept while a standby joins, and moved to
 * the standby within seconds when the holder's JVM is killed (SIGKILL: no goodbye to the group).
 */
class EngineLeaseIT {

  /**
   * A dead holder's session lasts 6 s and the standby hears of it at its next heartbeat; on two
   * shared, loaded cores the rebalance may take several seconds more. 30 s is a failure, not a slow
   * machine.
   */
  private static final Duration TAKEOVER_LIMIT = Duration.ofSeconds(30);

  private static final Duration PATIENCE = Duration.ofSeconds(90);

  private final List<Process> children = new ArrayList<>();
  private final List<EngineLease> leases = new ArrayList<>();

  @AfterEach
  void stopEverything() {
    leases.forEach(EngineLease::close);
    children.forEach(Process::destroyForcibly);
  }

  @Test
  void aStandbyTakesTheRoleWithinSecondsWhenTheHoldersJvmIsKilled() throws Exception {
    KafkaSettings settings = SharedBroker.settings();
    KafkaBus.connect(settings, "it");
    List<String> childSaid = new CopyOnWriteArrayList<>();
    Process child = startHolder(settings, childSaid);
    await().atMost(PATIENCE).until(() -> childSaid.contains("acquired"));

    Recorder standbySaw = new Recorder();
    EngineLease standby = lease(settings, standbySaw);
    awaitStableGroupOf(settings, 2);
    assertThat(standby.held()).as("the standby holds nothing while the holder lives").isFalse();

    long killed = System.nanoTime();
    child.destroyForcibly();
    await().atMost(TAKEOVER_LIMIT).pollInterval(Duration.ofMillis(50)).until(standby::held);
    Duration takeover = Duration.ofNanos(System.nanoTime() - killed);
    System.out.println(
        "EngineLeaseIT: the standby took over " + takeover.toMillis() + " ms after SIGKILL");
    assertThat(standbySaw.events).containsExactly("acquired");
  }

  @Test
  void aCheckpointIsCommittedByTheHolderAndReadByAnyNode() {
    KafkaSettings settings = SharedBroker.settings();
    KafkaBus bus = KafkaBus.connect(settings, "it");
    assertThat(bus.engineCheckpoint()).isEmpty();
    EngineLease holder = lease(bus, new Recorder());
    try {
      await().atMost(PATIENCE).until(holder::held);
      holder.checkpoint(41);
      await()
          .atMost(PATIENCE)
          .until(() -> KafkaBus.connect(settings, "other").engineCheckpoint().orElse(-1) == 41);
    } finally {
      holder.close();
    }
  }

  @Test
  void aStandbyJoiningLeavesTheRoleWithItsHolderAndAClosedHolderHandsItOverAtOnce() {
    KafkaSettings settings = SharedBroker.settings();
    KafkaBus bus = KafkaBus.connect(settings, "it");
    Recorder firstSaw = new Recorder();
    EngineLease first = lease(bus, firstSaw);
    await().atMost(PATIENCE).until(first::held);

    Recorder secondSaw = new Recorder();
    EngineLease second = lease(bus, secondSaw);
    awaitStableGroupOf(settings, 2);
    assertThat(first.held()).isTrue();
    assertThat(second.held()).isFalse();
    assertThat(firstSaw.events).containsExactly("acquired");

    long closed = System.nanoTime();
    first.close();
    assertThat(firstSaw.events).containsExactly("acquired", "lost");
    await().atMost(TAKEOVER_LIMIT).pollInterval(Duration.ofMillis(50)).until(second::held);
    System.out.println(
        "EngineLeaseIT: the standby took over "
            + Duration.ofNanos(System.nanoTime() - closed).toMillis()
            + " ms after the holder closed its lease");
    assertThat(secondSaw.events).containsExactly("acquired");
  }

  private EngineLease lease(KafkaSettings settings, Recorder recorder) {
    return lease(KafkaBus.connect(settings, "it"), recorder);
  }

  private EngineLease lease(KafkaBus bus, Recorder recorder) {
    EngineLease lease = bus.engineLease(recorder);
    leases.add(lease);
    return lease;
  }

  /** Waits until the group has {@code members} members and no rebalance is going on. */
  private static void awaitStableGroupOf(KafkaSettings settings, int members) {
    try (Admin admin =
        Admin.create(Map.<String, Object>of("bootstrap.servers", settings.bootstrapServers()))) {
      await()
          .atMost(PATIENCE)
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                ConsumerGroupDescription group =
                    admin
                        .describeConsumerGroups(List.of(settings.engineGroup()))
                        .all()
                        .get(10, TimeUnit.SECONDS)
                        .get(settings.engineGroup());
                return group.groupState() == GroupState.STABLE && group.members().size() == members;
              });
    }
  }

  private Process startHolder(KafkaSettings settings, List<String> said) throws Exception {
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx128m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            LeaseHolderProcess.class.getName(),
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
                  said.add(line.strip());
                }
              } catch (java.io.IOException e) {
                // The child is gone.
              }
            },
            "lease-holder-output");
    reader.setDaemon(true);
    reader.start();
    return process;
  }

  /** What a lease told its listener, in order. */
  private static final class Recorder implements LeaseListener {
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void acquired() {
      events.add("acquired");
    }

    @Override
    public void lost() {
      events.add("lost");
    }
  }
}
