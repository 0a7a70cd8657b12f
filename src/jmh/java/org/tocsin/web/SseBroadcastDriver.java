package org.tocsin.web;

import com.sun.management.UnixOperatingSystemMXBean;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * A broadcast of alert events to many event-stream clients on one node, over real HTTP on loopback:
 * the load client here, the server ({@link SseBroadcastServer}) in a JVM of its own, so that
 * neither's garbage collector or file descriptors weigh on the other.
 *
 * <ol>
 *   <li>N clients connect ({@code GET /api/v1/events}, {@code Accept: text/event-stream}, raw
 *       HTTP/1.1 on non-blocking sockets served by {@value #SELECTORS} selector threads), from
 *       several loopback source addresses (127.0.0.2, .3, …, at most {@value #CLIENTS_PER_ADDRESS}
 *       each) so that the server's per-address limit does not refuse them, a few hundred at a time,
 *       each until it has the stream's {@code retry:} line;
 *   <li>for each of the rounds, the server is told to issue a manual alert (through the live
 *       warnings, as an approved alert goes), and the time from telling it to each client's receipt
 *       of the event's {@code data:} line is taken here; p50, p99 and max (the last client) are
 *       printed per round.
 * </ol>
 *
 * <p>Run (each JVM holds a socket per client, so raise the file-descriptor limit first): {@code
 * ulimit -n 65536; ./mvnw -B -Pbench test-compile exec:exec -Dexec.executable=java
 * -Dexec.classpathScope=test -Dexec.args="-cp %classpath org.tocsin.web.SseBroadcastDriver 20000
 * 5"} (clients, rounds). {@code -Dtocsin.sse.serverJvmArgs="-XX:StartFlightRecording=..."} in
 * {@code exec.args} before {@code -cp} passes options to the server's JVM. Bounded: it connects
 * only to 127.0.0.1, exits after {@link #DEADLINE} whatever happens, and its server with it.
 */
public final class SseBroadcastDriver {

  static final int SELECTORS = 4;
  static final int CLIENTS_PER_ADDRESS = 1_000;
  static final int CONNECTING_PER_SELECTOR = 128;
  static final Duration DEADLINE = Duration.ofMinutes(10);
  static final Duration CONNECT_WAIT = Duration.ofMinutes(4);
  static final Duration ROUND_WAIT = Duration.ofSeconds(60);
  static final Duration BETWEEN_ROUNDS = Duration.ofSeconds(3);

  private static final byte[] DATA = "\ndata:".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] RETRY = "\nretry:".getBytes(StandardCharsets.US_ASCII);

  private final int clients;
  private final int rounds;
  private final int port;

  /** How many event frames each client has read. */
  private final AtomicIntegerArray framesRead;

  /** When each client read each round's frame: {@code receivedNs[round][client]}. */
  private final long[][] receivedNs;

  private final AtomicInteger streaming = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicInteger lost = new AtomicInteger();
  private volatile boolean running = true;

  private SseBroadcastDriver(int clients, int rounds, int port) {
    this.clients = clients;
    this.rounds = rounds;
    this.port = port;
    this.framesRead = new AtomicIntegerArray(clients);
    this.receivedNs = new long[rounds + 1][clients];
  }

  public static void main(String[] args) throws Exception {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    requireDescriptors(clients);
    Thread watchdog =
        new Thread(
            () -> {
              try {
                Thread.sleep(DEADLINE.toMillis());
              } catch (InterruptedException e) {
                return;
              }
              System.err.println("sse-broadcast: not done within " + DEADLINE + ", exiting");
              Runtime.getRuntime().halt(2);
            });
    watchdog.setDaemon(true);
    watchdog.start();
    Process server = startServer(clients);
    try {
      BufferedReader answers =
          new BufferedReader(
              new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      Writer commands = new OutputStreamWriter(server.getOutputStream(), StandardCharsets.UTF_8);
      int port = Integer.parseInt(answer(answers, "port")[1]);
      new SseBroadcastDriver(clients, rounds, port).run(answers, commands);
    } finally {
      server.destroy();
    }
    System.exit(0);
  }

  private void run(BufferedReader answers, Writer commands) throws Exception {
    List<Thread> selectors = new ArrayList<>();
    long connectStart = System.nanoTime();
    for (int s = 0; s < SELECTORS; s++) {
      int first = s;
      Thread thread = new Thread(() -> select(first), "sse-load-" + s);
      thread.setDaemon(true);
      thread.start();
      selectors.add(thread);
    }
    long connectDeadline = connectStart + CONNECT_WAIT.toNanos();
    while (streaming.get() + failed.get() + lost.get() < clients
        && System.nanoTime() < connectDeadline) {
      Thread.sleep(50);
    }
    double connectS = (System.nanoTime() - connectStart) / 1e9;
    System.out.printf(
        "sse-broadcast: %d of %d clients streaming (%d failed) after %.1f s, from %d source"
            + " addresses%n",
        streaming.get(), clients, failed.get(), connectS, addresses(clients));
    String[] before = ask(answers, commands, "stats", "stats");
    System.out.printf(
        "sse-broadcast: server heap in use after GC %.0f MiB, direct buffers %.0f MiB, %s threads%n",
        Long.parseLong(before[1]) / 1048576.0, Long.parseLong(before[2]) / 1048576.0, before[3]);
    for (int round = 1; round <= rounds; round++) {
      Thread.sleep(BETWEEN_ROUNDS.toMillis());
      long publishedNs = System.nanoTime();
      String[] published = ask(answers, commands, "publish " + round, "published");
      long deadline = publishedNs + ROUND_WAIT.toNanos();
      while (received(round) < streaming.get() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      report(round, publishedNs, Long.parseLong(published[2]));
    }
    System.out.printf("sse-broadcast: %d clients lost after streaming%n", lost.get());
    String[] after = ask(answers, commands, "stats", "stats");
    System.out.printf(
        "sse-broadcast: server heap in use after GC %.0f MiB, direct buffers %.0f MiB, %s threads,"
            + " after the rounds%n",
        Long.parseLong(after[1]) / 1048576.0, Long.parseLong(after[2]) / 1048576.0, after[3]);
    running = false;
    for (Thread selector : selectors) {
      selector.join(5_000);
    }
  }

  private int received(int round) {
    int count = 0;
    for (int c = 0; c < clients; c++) {
      if (framesRead.get(c) >= round) {
        count++;
      }
    }
    return count;
  }

  private void report(int round, long publishedNs, long issueNs) {
    double[] latenciesMs =
        Arrays.stream(receivedNs[round])
            .filter(ns -> ns != 0)
            .mapToDouble(ns -> (ns - publishedNs) / 1e6)
            .sorted()
            .toArray();
    int n = latenciesMs.length;
    System.out.printf(
        "sse-broadcast: round %d: %d of %d clients have the event; publish to receipt p50 %.0f ms,"
            + " p99 %.0f ms, max (the last client) %.0f ms; issue() took %.1f ms on the server%n",
        round,
        n,
        clients,
        pct(latenciesMs, 0.5),
        pct(latenciesMs, 0.99),
        n == 0 ? Double.NaN : latenciesMs[n - 1],
        issueNs / 1e6);
  }

  /** One selector thread: clients {@code first}, {@code first + SELECTORS}, … */
  private void select(int first) {
    ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
    int[] dataMatched = new int[clients];
    int[] retryMatched = new int[clients];
    boolean[] started = new boolean[clients];
    try (Selector selector = Selector.open()) {
      int next = first;
      int connecting = 0;
      while (running) {
        while (connecting < CONNECTING_PER_SELECTOR && next < clients) {
          open(selector, next);
          next += SELECTORS;
          connecting++;
        }
        selector.select(100);
        long nowNs = System.nanoTime();
        for (SelectionKey key : selector.selectedKeys()) {
          int client = (Integer) key.attachment();
          SocketChannel channel = (SocketChannel) key.channel();
          try {
            if (key.isConnectable()) {
              channel.finishConnect();
              channel.write(request());
              key.interestOps(SelectionKey.OP_READ);
              continue;
            }
            buffer.clear();
            int read = channel.read(buffer);
            if (read < 0) {
              throw new IOException("closed by the server");
            }
            buffer.flip();
            while (buffer.hasRemaining()) {
              byte b = buffer.get();
              retryMatched[client] = match(RETRY, retryMatched[client], b);
              if (retryMatched[client] == RETRY.length && !started[client]) {
                started[client] = true;
                streaming.incrementAndGet();
                connecting--;
              }
              dataMatched[client] = match(DATA, dataMatched[client], b);
              if (dataMatched[client] == DATA.length) {
                dataMatched[client] = 0;
                int frame = framesRead.incrementAndGet(client);
                if (frame < receivedNs.length) {
                  receivedNs[frame][client] = nowNs;
                }
              }
            }
          } catch (IOException | RuntimeException e) {
            key.cancel();
            closeQuietly(channel);
            if (started[client]) {
              streaming.decrementAndGet();
              if (lost.incrementAndGet() <= 5) {
                System.err.println("sse-broadcast: client " + client + " lost: " + e);
              }
            } else {
              connecting--;
              if (failed.incrementAndGet() <= 5) {
                System.err.println("sse-broadcast: client " + client + " failed: " + e);
              }
            }
          }
        }
        selector.selectedKeys().clear();
      }
      for (SelectionKey key : selector.keys()) {
        closeQuietly(key.channel());
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void open(Selector selector, int client) {
    try {
      SocketChannel channel = SocketChannel.open();
      channel.configureBlocking(false);
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      channel.bind(new InetSocketAddress(sourceAddress(client), 0));
      channel.connect(new InetSocketAddress("127.0.0.1", port));
      channel.register(selector, SelectionKey.OP_CONNECT, client);
    } catch (IOException e) {
      throw new IllegalStateException("client " + client + " could not connect", e);
    }
  }

  private ByteBuffer request() {
    return ByteBuffer.wrap(
        ("GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1:"
                + port
                + "\r\nAccept: text/event-stream\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
  }

  /** 127.0.0.2 for the first thousand clients, 127.0.0.3 for the next, and so on. */
  private static String sourceAddress(int client) {
    int address = client / CLIENTS_PER_ADDRESS;
    return "127.0." + (address / 250) + "." + (2 + address % 250);
  }

  private static int addresses(int clients) {
    return (clients + CLIENTS_PER_ADDRESS - 1) / CLIENTS_PER_ADDRESS;
  }

  /** How much of {@code pattern} is matched after {@code b}, given {@code matched} before it. */
  private static int match(byte[] pattern, int matched, byte b) {
    if (matched < pattern.length && b == pattern[matched]) {
      return matched + 1;
    }
    // The patterns start with a line feed and hold no other: a mismatch restarts at a line feed.
    return b == pattern[0] ? 1 : 0;
  }

  private static void closeQuietly(java.nio.channels.Channel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // Leaving anyway.
    }
  }

  private static Process startServer(int clients) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String jvmArgs = System.getProperty("tocsin.sse.serverJvmArgs", "-Xmx2g");
    command.addAll(Arrays.asList(jvmArgs.trim().split("\\s+")));
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            SseBroadcastServer.class.getName(),
            Integer.toString(clients)));
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  private static String[] ask(BufferedReader answers, Writer commands, String command, String reply)
      throws IOException {
    commands.write(command + "\n");
    commands.flush();
    return answer(answers, reply);
  }

  /** The server's next answer that starts with {@code word}, split into words. */
  private static String[] answer(BufferedReader answers, String word) throws IOException {
    String line;
    while ((line = answers.readLine()) != null) {
      if (line.startsWith(word + " ")) {
        return line.split(" ");
      }
      System.out.println("server: " + line);
    }
    throw new IllegalStateException("the server ended before answering " + word);
  }

  /** Fails fast when this process may not hold a socket per client (the server inherits it). */
  private static void requireDescriptors(int clients) {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean os) {
      long needed = clients + 200L;
      if (os.getMaxFileDescriptorCount() < needed) {
        throw new IllegalStateException(
            "file descriptors: "
                + clients
                + " clients need at least "
                + needed
                + " per process, the limit is "
                + os.getMaxFileDescriptorCount()
                + ": raise it first (ulimit -n 65536)");
      }
    }
  }

  private static double pct(double[] sorted, double share) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[Math.max(0, (int) Math.ceil(share * sorted.length) - 1)];
  }
}
