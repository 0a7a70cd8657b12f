package org.tocsin.delivery.webpush;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Web Push encryption and signing of one alert (src/jmh/node/alert.json, about 1 KB) for many
 * subscriptions, one thread: each operation is one message to the next subscription (RFC 8291 with
 * a fresh key pair and salt, and its VAPID header from the per-origin cache), so ops/s is messages
 * per second on one core. {@code ecdh} weighs BoringSSL's P-256 (Conscrypt), BouncyCastle's and the
 * JDK's.
 *
 * <p>The subscriptions are read from {@code target/webpush-bench/subscriptions-N.json}, written on
 * the first run; {@code src/jmh/node/webpush-bench.js} encrypts the same alert for the same
 * subscriptions with the npm {@code web-push} library (see BENCHMARKS.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Threads(1)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
public class WebPushEncryptionBenchmark {

  static final Path ALERT = Path.of("src", "jmh", "node", "alert.json");

  @Param({"conscrypt", "bouncycastle", "jdk"})
  public String ecdh;

  @Param({"100000"})
  public int subscriptions;

  private PushSubscription[] targets;
  private byte[] payload;
  private WebPushEncryptor encryptor;
  private VapidTokens tokens;
  private int next;
  private long sent;
  private long sentAtIterationStart;
  private long cpuAtIterationStartNs;

  @Setup
  public void setUp() throws IOException {
    payload = Files.readAllBytes(ALERT);
    targets = subscriptions(subscriptions);
    encryptor =
        WebPushEncryptor.using(
            switch (ecdh) {
              case "conscrypt" -> ConscryptEcdh.load().orElseThrow();
              case "jdk" -> new JdkEcdh();
              default -> new BouncyCastleEcdh();
            });
    tokens = new VapidTokens(VapidKeys.generate(), "mailto:ops@tocsin.example", Clock.systemUTC());
  }

  @Benchmark
  public void encryptAndSign(Blackhole sink) {
    PushSubscription target = targets[next];
    next = next + 1 == targets.length ? 0 : next + 1;
    sink.consume(tokens.authorization(target));
    sink.consume(encryptor.encrypt(target, payload));
    sent++;
  }

  @Setup(Level.Iteration)
  public void markIteration() {
    sentAtIterationStart = sent;
    cpuAtIterationStartNs = processCpuNs();
  }

  /**
   * Messages per second of CPU time of the whole process (JIT and GC included), printed after each
   * iteration: on a machine shared with other work, the wall-clock rate measures the share of the
   * core that the benchmark got; this measures the work. The Node script prints the same.
   */
  @TearDown(Level.Iteration)
  public void reportCpuRate() {
    double cpuSeconds = (processCpuNs() - cpuAtIterationStartNs) / 1e9;
    System.out.printf(
        "%n  per CPU-second: %.1f msg/s (%d messages, %.2f s CPU)%n",
        (sent - sentAtIterationStart) / cpuSeconds, sent - sentAtIterationStart, cpuSeconds);
  }

  private static long processCpuNs() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** The {@code count} subscriptions of the shared file, made and written on the first run. */
  static PushSubscription[] subscriptions(int count) throws IOException {
    Path file = Path.of("target", "webpush-bench", "subscriptions-" + count + ".json");
    ObjectMapper mapper = new ObjectMapper();
    if (!Files.exists(file)) {
      Files.createDirectories(file.getParent());
      Path partial = file.resolveSibling(file.getFileName() + ".partial");
      mapper.writeValue(partial.toFile(), made(mapper, count));
      Files.move(partial, file);
    }
    JsonNode all = mapper.readTree(file.toFile());
    PushSubscription[] out = new PushSubscription[all.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode each = all.get(i);
      out[i] =
          PushSubscription.of(
              each.get("endpoint").asText(),
              each.get("keys").get("p256dh").asText(),
              each.get("keys").get("auth").asText());
    }
    return out;
  }

  /** Browsers' subscriptions on the four big push services, keys on BouncyCastle's comb. */
  private static ArrayNode made(ObjectMapper mapper, int count) {
    String[] services = {
      "https://fcm.googleapis.com/fcm/send/",
      "https://updates.push.services.mozilla.com/wpush/v2/",
      "https://web.push.apple.com/",
      "https://wns2-par02p.notify.windows.com/w/?token="
    };
    SecureRandom random = new SecureRandom();
    org.bouncycastle.math.ec.FixedPointCombMultiplier comb =
        new org.bouncycastle.math.ec.FixedPointCombMultiplier();
    ArrayNode all = mapper.createArrayNode();
    for (int i = 0; i < count; i++) {
      byte[] publicKey =
          comb.multiply(P256.G, P256.randomScalar(random)).normalize().getEncoded(false);
      byte[] auth = new byte[16];
      random.nextBytes(auth);
      ObjectNode each = all.addObject();
      each.put("endpoint", services[i % services.length] + "bench-" + i);
      each.putObject("keys")
          .put("p256dh", Base64Url.encode(publicKey))
          .put("auth", Base64Url.encode(auth));
    }
    return all;
  }
}
