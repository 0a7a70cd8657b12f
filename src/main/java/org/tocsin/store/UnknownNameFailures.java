package org.tocsin.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Failed logins on names that are no account's, gathered over an interval so that they make one
 * journal record rather than one each: a flood of made-up names would otherwise write a record, and
 * lengthen the hash chain, for every guess. The count is kept per client address for the first
 * {@value #MAX_ADDRESSES} addresses of an interval; the rest are counted together, so that the
 * tally stays small whatever the flood. The interval opens with its first failure; it is due once
 * {@code interval} has passed since.
 */
final class UnknownNameFailures {

  static final int MAX_ADDRESSES = 32;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Duration interval;
  private Instant since;
  private long attempts;
  private long fromOtherAddresses;
  private final Map<String, Long> byAddress = new TreeMap<>();

  /**
   * What an interval gathered.
   *
   * @param byAddress failures per client address, for at most {@value #MAX_ADDRESSES} addresses
   * @param fromOtherAddresses failures from the addresses beyond those
   */
  record Tally(
      Instant since,
      Instant until,
      long attempts,
      Map<String, Long> byAddress,
      long fromOtherAddresses) {

    Tally {
      Objects.requireNonNull(since, "since");
      Objects.requireNonNull(until, "until");
      byAddress = Map.copyOf(byAddress);
    }

    /** The record's details: {@code since}, {@code until}, {@code attempts}, the addresses. */
    ObjectNode toJson() {
      ObjectNode node = JSON.createObjectNode();
      node.put("reason", "unknown");
      node.put("since", since.toString());
      node.put("until", until.toString());
      node.put("attempts", attempts);
      ObjectNode addresses = node.putObject("from");
      new TreeMap<>(byAddress).forEach(addresses::put);
      node.put("fromOtherAddresses", fromOtherAddresses);
      return node;
    }
  }

  /**
   * @param interval how long failures are gathered before they are due, positive
   */
  UnknownNameFailures(Duration interval) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive, was " + interval);
    }
    this.interval = interval;
  }

  /** Counts one failure from {@code from} at {@code now}. */
  synchronized void count(String from, Instant now) {
    if (since == null) {
      since = Timestamps.stored(now);
    }
    attempts++;
    if (byAddress.containsKey(from) || byAddress.size() < MAX_ADDRESSES) {
      byAddress.merge(from, 1L, Long::sum);
    } else {
      fromOtherAddresses++;
    }
  }

  /** The tally of an interval that has ended by {@code now}, emptied; empty when none has. */
  synchronized Optional<Tally> takeIfDue(Instant now) {
    if (since == null || now.isBefore(since.plus(interval))) {
      return Optional.empty();
    }
    return takeAll(now);
  }

  /** The tally so far, emptied, whether or not its interval has ended; empty when none. */
  synchronized Optional<Tally> takeAll(Instant now) {
    if (since == null) {
      return Optional.empty();
    }
    Tally tally = new Tally(since, Timestamps.stored(now), attempts, byAddress, fromOtherAddresses);
    since = null;
    attempts = 0;
    fromOtherAddresses = 0;
    byAddress.clear();
    return Optional.of(tally);
  }
}
