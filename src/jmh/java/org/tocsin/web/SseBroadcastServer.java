package org.tocsin.web;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.tocsin.alert.AlertLevel;
import org.tocsin.alert.AlertStatus;
import org.tocsin.alert.ManualAlert;
import org.tocsin.alert.ManualTemplates;
import org.tocsin.alert.Policy;
import org.tocsin.alert.WarningPipeline;
import org.tocsin.area.AreaSet;
import org.tocsin.area.AreaSets;
import org.tocsin.node.Command;
import org.tocsin.node.LiveWarnings;

/**
 * The server of {@link SseBroadcastDriver}, in a JVM of its own: a server without a journal whose
 * event stream takes {@code args[0]} clients, told on its standard input what to do, one command a
 * line, and answering on its standard output.
 *
 * <ul>
 *   <li>{@code publish K}: issues a manual alert, threat {@code MK}, through the live warnings (the
 *       path an approved alert takes); answers {@code published K NANOS}, the time {@code issue}
 *       took, which includes queueing the frame for every client;
 *   <li>{@code stats}: answers {@code stats HEAP_BYTES DIRECT_BYTES THREADS}, the heap in use after
 *       a GC and the direct buffers (Jetty's buffer pool);
 *   <li>end of input: exits. So does a server left running for {@link #LIFETIME}: bounded even if
 *       its driver dies without closing the pipe.
 * </ul>
 */
public final class SseBroadcastServer {

  static final Duration LIFETIME = Duration.ofMinutes(15);

  private SseBroadcastServer() {}

  public static void main(String[] args) throws Exception {
    int maxClients = Integer.parseInt(args[0]);
    AreaSet areas = AreaSets.bundled("ua-hromadas");
    LiveWarnings live =
        new LiveWarnings(
            new WarningPipeline(Policy.DEFAULT, areas), Clock.systemUTC(), AlertStatus.EXERCISE, 1);
    Thread watchdog =
        new Thread(
            () -> {
              try {
                Thread.sleep(LIFETIME.toMillis());
              } catch (InterruptedException e) {
                return;
              }
              System.err.println("sse-broadcast server: ran for " + LIFETIME + ", exiting");
              System.exit(3);
            });
    watchdog.setDaemon(true);
    watchdog.start();
    ServerOptions options =
        ServerOptions.defaults(0, SensorAuthenticator.NONE).withMaxEventClients(maxClients);
    try (WebServer server = WebServer.start(live, areas, options);
        BufferedReader commands =
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      System.out.println("port " + server.port());
      System.out.flush();
      String command;
      while ((command = commands.readLine()) != null) {
        String[] words = command.split(" ");
        if (words[0].equals("publish")) {
          int round = Integer.parseInt(words[1]);
          long start = System.nanoTime();
          live.execute(new Command.Issue(alert(areas, round), live.now()));
          System.out.println("published " + round + " " + (System.nanoTime() - start));
        } else if (words[0].equals("stats")) {
          MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
          System.gc();
          System.out.println(
              "stats "
                  + memory.getHeapMemoryUsage().getUsed()
                  + " "
                  + directBytes()
                  + " "
                  + ManagementFactory.getThreadMXBean().getThreadCount());
        }
        System.out.flush();
      }
    }
    System.exit(0);
  }

  private static long directBytes() {
    return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
        .filter(pool -> pool.getName().equals("direct"))
        .mapToLong(BufferPoolMXBean::getMemoryUsed)
        .sum();
  }

  private static ManualAlert alert(AreaSet areas, int round) {
    return new ManualAlert(
        "M" + round,
        AlertStatus.EXERCISE,
        AlertLevel.PREPARE,
        List.of(areas.areas().get(round).id()),
        Duration.ofMinutes(10),
        ManualTemplates.forStatus(AlertStatus.EXERCISE).get(0).text());
  }
}
