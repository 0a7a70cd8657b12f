package org.tocsin.store;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes (RFC 9106) in the PHC string format that other tools read:
 *
 * <pre>
 *   $argon2id$v=19$m=19456,t=2,p=1$&lt;salt&gt;$&lt;hash&gt;
 * </pre>
 *
 * with the salt (16 random bytes) and the 32-byte hash in unpadded standard base64. The cost
 * parameters travel with each hash, so raising them later leaves old hashes verifiable. The default
 * cost is OWASP's minimum for Argon2id: 19 MiB of memory, 2 passes, 1 lane. Passwords are taken as
 * {@code char[]} so that callers can wipe them; they are encoded as UTF-8 for hashing.
 *
 * <p>Each hash takes the memory and a core for a noticeable time, so at most {@code
 * maxConcurrentHashes} run at once: the others wait their turn, first come first served, for up to
 * {@link #QUEUE_WAIT}, and then give up with {@link PasswordHashingBusyException}. A flood of
 * logins thus costs a bounded share of the machine, and the report ingest beside it keeps its
 * cores.
 */
public final class PasswordHasher {

  /** The shortest password accepted, in characters. */
  public static final int MIN_LENGTH = 12;

  /** How long a hash waits for its turn before giving up. */
  public static final Duration QUEUE_WAIT = Duration.ofSeconds(10);

  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final int MAX_MEMORY_KIB = 1 << 21;
  private static final int MAX_ITERATIONS = 64;
  private static final int MAX_PARALLELISM = 16;
  private static final Pattern PHC =
      Pattern.compile(
          "\\$argon2id\\$v=19\\$m=(\\d{1,8}),t=(\\d{1,3}),p=(\\d{1,2})"
              + "\\$([A-Za-z0-9+/]{22})\\$([A-Za-z0-9+/]{43})");
  private static final Base64.Encoder BASE64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder BASE64_DECODER = Base64.getDecoder();

  private final int memoryKib;
  private final int iterations;
  private final int parallelism;
  private final SecureRandom random = new SecureRandom();
  private final Semaphore turns;
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger mostAtOnce = new AtomicInteger();

  /**
   * A hasher at OWASP's minimum cost: m = 19456 KiB, t = 2, p = 1, running at most half the cores'
   * worth of hashes at once (at least one).
   */
  public PasswordHasher() {
    this(19_456, 2, 1, Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
  }

  /**
   * @param memoryKib memory per hash (KiB), at least 8 × {@code parallelism}
   * @param iterations passes over the memory, at least 1
   * @param parallelism lanes, at least 1
   * @param maxConcurrentHashes hashes that may run at once, at least 1
   * @throws IllegalArgumentException when a parameter is out of range
   */
  public PasswordHasher(int memoryKib, int iterations, int parallelism, int maxConcurrentHashes) {
    requireRange("parallelism", parallelism, 1, MAX_PARALLELISM);
    requireRange("memoryKib", memoryKib, 8 * parallelism, MAX_MEMORY_KIB);
    requireRange("iterations", iterations, 1, MAX_ITERATIONS);
    requireRange("maxConcurrentHashes", maxConcurrentHashes, 1, 1_024);
    this.memoryKib = memoryKib;
    this.iterations = iterations;
    this.parallelism = parallelism;
    this.turns = new Semaphore(maxConcurrentHashes, true);
  }

  /** The most hashes that have run at the same moment so far: for the metrics and tests. */
  int mostHashesAtOnce() {
    return mostAtOnce.get();
  }

  /**
   * Refuses a password too short to be one.
   *
   * @throws IllegalArgumentException when it has fewer than {@link #MIN_LENGTH} characters
   */
  public static void requireAcceptable(char[] password) {
    if (password == null || password.length < MIN_LENGTH) {
      throw new IllegalArgumentException(
          "password must be at least "
              + MIN_LENGTH
              + " characters, was "
              + (password == null ? 0 : password.length));
    }
  }

  /**
   * Hashes a password with a new random salt.
   *
   * @throws IllegalArgumentException when the password is shorter than {@link #MIN_LENGTH}
   */
  public String hash(char[] password) {
    requireAcceptable(password);
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] hash = argon2id(password, salt, memoryKib, iterations, parallelism);
    return "$argon2id$v=19$m="
        + memoryKib
        + ",t="
        + iterations
        + ",p="
        + parallelism
        + "$"
        + BASE64.encodeToString(salt)
        + "$"
        + BASE64.encodeToString(hash);
  }

  /**
   * Whether {@code password} is the one {@code encoded} was made from, compared in constant time.
   * Uses the cost stored in {@code encoded}, not this hasher's.
   *
   * @throws IllegalArgumentException when {@code encoded} is not an Argon2id hash in PHC form with
   *     parameters in range
   */
  public boolean verify(char[] password, String encoded) {
    Matcher phc = encoded == null ? null : PHC.matcher(encoded);
    if (phc == null || !phc.matches()) {
      throw new IllegalArgumentException("not an Argon2id hash in PHC form");
    }
    int memory = Integer.parseInt(phc.group(1));
    int passes = Integer.parseInt(phc.group(2));
    int lanes = Integer.parseInt(phc.group(3));
    requireRange("p", lanes, 1, MAX_PARALLELISM);
    requireRange("m", memory, 8 * lanes, MAX_MEMORY_KIB);
    requireRange("t", passes, 1, MAX_ITERATIONS);
    byte[] salt = BASE64_DECODER.decode(phc.group(4));
    byte[] expected = BASE64_DECODER.decode(phc.group(5));
    byte[] actual =
        argon2id(password == null ? new char[0] : password, salt, memory, passes, lanes);
    return MessageDigest.isEqual(actual, expected);
  }

  /**
   * Runs one hash when its turn comes.
   *
   * @throws PasswordHashingBusyException when the turn does not come within {@link #QUEUE_WAIT}
   */
  private byte[] argon2id(
      char[] password, byte[] salt, int memoryKib, int iterations, int parallelism) {
    try {
      if (!turns.tryAcquire(QUEUE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new PasswordHashingBusyException(QUEUE_WAIT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PasswordHashingBusyException(QUEUE_WAIT);
    }
    try {
      mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
      return argon2idNow(password, salt, memoryKib, iterations, parallelism);
    } finally {
      running.decrementAndGet();
      turns.release();
    }
  }

  private static byte[] argon2idNow(
      char[] password, byte[] salt, int memoryKib, int iterations, int parallelism) {
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withSalt(salt)
            .withMemoryAsKB(memoryKib)
            .withIterations(iterations)
            .withParallelism(parallelism)
            .build());
    byte[] hash = new byte[HASH_BYTES];
    generator.generateBytes(password, hash);
    return hash;
  }

  private static void requireRange(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          name + " must be within [" + min + ", " + max + "], was " + value);
    }
  }
}
