package org.tocsin.web;

import java.util.Objects;
import java.util.Optional;
import org.tocsin.store.UpstreamMessages;
import org.tocsin.store.UpstreamRelays;

/**
 * The upstream authorities allowed to post CAP, and where their messages are kept.
 *
 * @param keys tells which authority an API key belongs to: their own keys, never a sensor's
 * @param messages the messages kept, bounded in size and count
 * @param relay how their alerts are relayed to the public; empty to keep them and relay none
 */
public record UpstreamAuthorities(
    Authenticator keys, UpstreamMessages messages, Optional<Relay> relay) {

  public UpstreamAuthorities {
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(messages, "messages");
    Objects.requireNonNull(relay, "relay");
  }

  /** Authorities whose messages are kept and relayed to nobody. */
  public UpstreamAuthorities(Authenticator keys, UpstreamMessages messages) {
    this(keys, messages, Optional.empty());
  }

  /** The same, relaying their alerts as {@code relay} says. */
  public UpstreamAuthorities withRelay(Relay relay) {
    return new UpstreamAuthorities(keys, messages, Optional.of(relay));
  }

  /** When an upstream authority's alert goes out ({@code tocsin serve --upstream-relay}). */
  public enum RelayMode {
    /** At once, as the authority posted it. */
    AUTO,
    /** As a draft, once a person approves it. */
    APPROVE;

    /** As typed on the command line: {@code auto}, {@code approve}. */
    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * How upstream alerts are relayed.
   *
   * @param mode at once, or after a person's approval
   * @param store where relays are journalled and drafts kept
   */
  public record Relay(RelayMode mode, UpstreamRelays store) {
    public Relay {
      Objects.requireNonNull(mode, "mode");
      Objects.requireNonNull(store, "store");
    }
  }

  /** Tells which upstream authority an API key belongs to. Keys are secrets: never logged. */
  @FunctionalInterface
  public interface Authenticator {

    /** The authority whose key this is, or empty. */
    Optional<String> authorityFor(String apiKey);
  }
}
