package org.tocsin.web;

import java.util.Objects;
import java.util.Optional;
import org.tocsin.store.UpstreamMessages;

/**
 * The upstream authorities allowed to post CAP, and where their messages are kept.
 *
 * @param keys tells which authority an API key belongs to: their own keys, never a sensor's
 * @param messages the messages kept, bounded in size and count
 */
public record UpstreamAuthorities(Authenticator keys, UpstreamMessages messages) {

  public UpstreamAuthorities {
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(messages, "messages");
  }

  /** Tells which upstream authority an API key belongs to. Keys are secrets: never logged. */
  @FunctionalInterface
  public interface Authenticator {

    /** The authority whose key this is, or empty. */
    Optional<String> authorityFor(String apiKey);
  }
}
