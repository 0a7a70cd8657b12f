package org.tocsin.web;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Growing delays after failed logins, in place of a lock-out: guessing gets slow, and nobody can
 * keep anyone else out.
 *
 * <p>Three tallies of failures are kept: per client address and account (the attacker's own pair),
 * per client address (one address trying many names) and per account (many addresses trying one
 * name). Each lets a few failures through free; after that, each further failure doubles the wait
 * before the next attempt that tally admits, up to its ceiling. A refused attempt is not hashed and
 * not counted, so waiting out the delay is all an attacker can do, and the delay it earns is its
 * own: the owner of the account, from another address, meets only the per-account tally, whose
 * ceiling is {@link #ACCOUNT} a few seconds, and not even that from an address it has logged in
 * from before (a trusted pair, remembered for {@link #TRUST}). An attempt is counted as a failure
 * when it is admitted, so that concurrent attempts cannot all slip through before the first one
 * fails; a success or an attempt that was not tried takes it back.
 *
 * <p>The client address is the TCP peer's: a header such as {@code X-Forwarded-For} is anyone's to
 * write. IPv6 addresses are taken by their /64 prefix, the least a host is given. The table is held
 * to {@code maxEntries}: a tally that has cooled down is dropped first, then those least recently
 * used, trusted pairs last. It lives in one server's memory: a restart forgets it.
 */
public final class LoginThrottle {

  /**
   * How one tally slows attempts down.
   *
   * @param freeFailures failures admitted without delay
   * @param firstDelay the wait after the first failure beyond those, doubled with each further one
   * @param maxDelay the ceiling of the wait
   */
  record Policy(int freeFailures, Duration firstDelay, Duration maxDelay) {
    Policy {
      if (freeFailures < 0) {
        throw new IllegalArgumentException("freeFailures must be at least 0, was " + freeFailures);
      }
      if (firstDelay.isNegative() || firstDelay.isZero() || maxDelay.compareTo(firstDelay) < 0) {
        throw new IllegalArgumentException(
            "delays must satisfy 0 < firstDelay <= maxDelay, were " + firstDelay + ", " + maxDelay);
      }
    }

    /** The wait after {@code failures} failures, zero while they are free. */
    Duration delayAfter(int failures) {
      int doublings = failures - freeFailures;
      if (doublings < 0) {
        return Duration.ZERO;
      }
      if (doublings >= 30) {
        return maxDelay;
      }
      Duration delay = firstDelay.multipliedBy(1L << doublings);
      return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
  }

  /** The attacker's own address and account: three free tries, then 1 s, 2 s, … up to 5 min. */
  static final Policy PAIR = new Policy(3, Duration.ofSeconds(1), Duration.ofMinutes(5));

  /** One address across all names: ten free tries, then 1 s, 2 s, … up to 5 min. */
  static final Policy ADDRESS = new Policy(10, Duration.ofSeconds(1), Duration.ofMinutes(5));

  /** One account from all addresses: ten free tries, then 1 s, 2 s, … up to 8 s. */
  static final Policy ACCOUNT = new Policy(10, Duration.ofSeconds(1), Duration.ofSeconds(8));

  /** How long a successful login trusts its address for its account. */
  static final Duration TRUST = Duration.ofDays(30);

  /** A tally with no failure for this long is forgotten. */
  static final Duration COOL_DOWN = Duration.ofHours(1);

  static final int DEFAULT_MAX_ENTRIES = 100_000;

  private enum Scope {
    PAIR,
    ADDRESS,
    ACCOUNT
  }

  private record Key(Scope scope, String address, String account) {}

  private static final class Tally {
    int failures;
    Instant lastFailure = Instant.MIN;
    Instant lastUsed = Instant.MIN;
    Instant trustedUntil = Instant.MIN;

    boolean trusted(Instant now) {
      return now.isBefore(trustedUntil);
    }

    boolean cold(Instant now) {
      return !trusted(now) && !now.isBefore(lastFailure.plus(COOL_DOWN));
    }
  }

  private final Clock clock;
  private final int maxEntries;
  private final Map<Key, Tally> tallies = new HashMap<>();

  /**
   * @param clock decides when a delay has passed
   * @param maxEntries tallies kept at most, at least 3
   */
  LoginThrottle(Clock clock, int maxEntries) {
    this.clock = Objects.requireNonNull(clock, "clock");
    if (maxEntries < 3) {
      throw new IllegalArgumentException("maxEntries must be at least 3, was " + maxEntries);
    }
    this.maxEntries = maxEntries;
  }

  /** A throttle with the standard policies and room for {@value #DEFAULT_MAX_ENTRIES} tallies. */
  public static LoginThrottle standard(Clock clock) {
    return new LoginThrottle(clock, DEFAULT_MAX_ENTRIES);
  }

  /**
   * Admits an attempt, counting it as a failure until {@link #succeeded} or {@link #notTried} says
   * otherwise, or says how long to wait.
   *
   * @param address the client's IP address, as the TCP peer's
   * @param account the name tried, whether or not an account has it
   * @return empty when admitted, else the wait before the next attempt could be
   */
  public synchronized Optional<Duration> admit(String address, String account) {
    Instant now = clock.instant();
    Tally pair = tally(Scope.PAIR, address, account, now);
    Tally fromAddress = tally(Scope.ADDRESS, address, "", now);
    Tally onAccount = tally(Scope.ACCOUNT, "", account, now);
    Duration wait = remaining(pair, PAIR, now);
    if (!pair.trusted(now)) {
      wait = longer(wait, remaining(fromAddress, ADDRESS, now));
      wait = longer(wait, remaining(onAccount, ACCOUNT, now));
    }
    if (!wait.isZero()) {
      return Optional.of(wait);
    }
    for (Tally tally : new Tally[] {pair, fromAddress, onAccount}) {
      tally.failures++;
      tally.lastFailure = now;
    }
    return Optional.empty();
  }

  /**
   * An admitted attempt succeeded: the pair and the account start afresh, and the pair is trusted
   * for {@link #TRUST}. The address keeps its other failures.
   */
  public synchronized void succeeded(String address, String account) {
    Instant now = clock.instant();
    Tally pair = tally(Scope.PAIR, address, account, now);
    pair.failures = 0;
    pair.trustedUntil = now.plus(TRUST);
    tally(Scope.ACCOUNT, "", account, now).failures = 0;
    takeBack(tally(Scope.ADDRESS, address, "", now));
  }

  /** An admitted attempt was not tried (the server was busy): it is not counted. */
  public synchronized void notTried(String address, String account) {
    Instant now = clock.instant();
    takeBack(tally(Scope.PAIR, address, account, now));
    takeBack(tally(Scope.ADDRESS, address, "", now));
    takeBack(tally(Scope.ACCOUNT, "", account, now));
  }

  /** Tallies held now: for tests of the bound. */
  synchronized int size() {
    return tallies.size();
  }

  private static void takeBack(Tally tally) {
    tally.failures = Math.max(0, tally.failures - 1);
  }

  private static Duration remaining(Tally tally, Policy policy, Instant now) {
    Duration left =
        Duration.between(now, tally.lastFailure.plus(policy.delayAfter(tally.failures)));
    return left.isNegative() ? Duration.ZERO : left;
  }

  private static Duration longer(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private Tally tally(Scope scope, String address, String account, Instant now) {
    Key key = new Key(scope, clientKey(address), account == null ? "" : account);
    Tally tally = tallies.get(key);
    if (tally == null) {
      makeRoom(now);
      tally = new Tally();
      tallies.put(key, tally);
    } else if (tally.cold(now)) {
      tally.failures = 0;
    }
    tally.lastUsed = now;
    return tally;
  }

  /** Drops cold tallies, then, if need be, the least recently used tenth, trusted pairs last. */
  private void makeRoom(Instant now) {
    if (tallies.size() < maxEntries) {
      return;
    }
    tallies.values().removeIf(tally -> tally.cold(now));
    if (tallies.size() < maxEntries) {
      return;
    }
    int excess = tallies.size() - maxEntries + Math.max(1, maxEntries / 10);
    tallies.entrySet().stream()
        .sorted(
            Comparator.comparing((Map.Entry<Key, Tally> entry) -> entry.getValue().trusted(now))
                .thenComparing(entry -> entry.getValue().lastUsed))
        .limit(excess)
        .map(Map.Entry::getKey)
        .toList()
        .forEach(tallies::remove);
  }

  /**
   * The key of a client address: the address itself for IPv4, its /64 prefix for IPv6; the text as
   * given, lower-cased, for anything that is not an address literal.
   */
  static String clientKey(String address) {
    if (address == null) {
      return "";
    }
    if (address.indexOf(':') < 0) {
      return address;
    }
    try {
      String literal = address.startsWith("[") ? address.replaceAll("^\\[|]$", "") : address;
      if (!literal.matches("[0-9A-Fa-f:.%a-zA-Z0-9]+")) {
        return address.toLowerCase(Locale.ROOT);
      }
      InetAddress parsed = InetAddress.getByName(literal);
      if (!(parsed instanceof Inet6Address)) {
        return parsed.getHostAddress();
      }
      byte[] bytes = parsed.getAddress();
      StringBuilder prefix = new StringBuilder();
      for (int i = 0; i < 8; i += 2) {
        prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff)));
        prefix.append(':');
      }
      return prefix.append(":/64").toString();
    } catch (UnknownHostException e) {
      return address.toLowerCase(Locale.ROOT);
    }
  }
}
