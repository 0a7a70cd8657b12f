package org.tocsin.cap;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Who issues CAP messages, and the series their identifiers are drawn from.
 *
 * <p>CAP 1.2 wants an identifier unique for ever for its sender. Event ids ({@code R1-1}) start
 * again in every run, so an identifier also carries a series: a random id made once per journal
 * (stored in its database, so that a server that restarts and replays its journal issues the same
 * identifiers again and its Cancels reference the originals) or once per run that keeps no journal
 * (a simulation, a demo). 80 random bits: two series collide with a chance of about n²/2⁸¹ for n
 * series, never in practice.
 *
 * @param sender the CAP sender, e.g. a domain the operator controls: 1 to 100 letters, digits,
 *     {@code .}, {@code -}, {@code _} or {@code @}, so that it is a valid CAP sender (no spaces,
 *     commas, {@code <} or {@code &}) and safe in the {@code /cap/<identifier>.xml} path
 * @param series 8 to 32 lowercase letters and digits
 */
public record CapIssuer(String sender, String series) {

  /** The sender when none is configured. */
  public static final String DEFAULT_SENDER = "tocsin@localhost";

  private static final Pattern SENDER = Pattern.compile("[A-Za-z0-9._@-]{1,100}");
  private static final Pattern SERIES = Pattern.compile("[a-z0-9]{8,32}");
  private static final int SERIES_BITS = 80;
  private static final SecureRandom RANDOM = new SecureRandom();

  public CapIssuer {
    requireSender(sender);
    if (series == null || !SERIES.matcher(series).matches()) {
      throw new IllegalArgumentException(
          "series must be 8 to 32 lowercase letters and digits, was '" + series + "'");
    }
  }

  /** An issuer with a new random series, for a run that keeps no journal. */
  public static CapIssuer fresh(String sender) {
    return new CapIssuer(sender, newSeries());
  }

  /** A new random series: 80 bits in base 36, 16 characters. */
  public static String newSeries() {
    byte[] bytes = new byte[SERIES_BITS / 8];
    RANDOM.nextBytes(bytes);
    String digits = new java.math.BigInteger(1, bytes).toString(36).toLowerCase(Locale.ROOT);
    return "0".repeat(Math.max(0, 16 - digits.length())) + digits;
  }

  /**
   * Checks a CAP sender as this issuer takes it.
   *
   * @throws IllegalArgumentException naming the rule and the value
   */
  public static String requireSender(String sender) {
    if (sender == null || !SENDER.matcher(sender).matches()) {
      throw new IllegalArgumentException(
          "sender must be 1 to 100 letters, digits, '.', '-', '_' or '@' (a CAP sender has no"
              + " spaces, commas, '<' or '&'), e.g. alerts.example.org, was '"
              + sender
              + "'");
    }
    return sender;
  }

  /** The CAP identifier of an event's message: {@code urn:tocsin:<sender>:<series>:<event id>}. */
  public String identifier(String eventId) {
    String identifier = "urn:tocsin:" + sender + ":" + series + ":" + eventId;
    CapAlert.requireToken("identifier", identifier);
    return identifier;
  }
}
