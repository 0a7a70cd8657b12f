package org.tocsin.delivery.webpush;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code Authorization: vapid t=..., k=...} header of RFC 8292 for each push service: a JWT
 * (ES256) whose audience is the push service's origin, signed once and reused for {@link #LIFETIME}
 * less {@link #REFRESH_MARGIN}, so that a fan-out to a million subscribers on a handful of push
 * services signs a handful of tokens. The cache holds at most {@link #MAX_ORIGINS} origins, the
 * least recently used going first.
 */
public final class VapidTokens {

  /** Well under the 24 hours RFC 8292 §2 allows, for push services whose clocks run ahead. */
  public static final Duration LIFETIME = Duration.ofHours(12);

  /** A token is replaced this long before it expires, so none is sent about to lapse. */
  public static final Duration REFRESH_MARGIN = Duration.ofHours(1);

  /** Push services are a handful (FCM, Mozilla, Apple, Microsoft); the rest is abuse. */
  public static final int MAX_ORIGINS = 256;

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String HEADER =
      Base64Url.encode("{\"typ\":\"JWT\",\"alg\":\"ES256\"}".getBytes(StandardCharsets.UTF_8));

  private final VapidKeys keys;
  private final String subject;
  private final Clock clock;
  private final String keyParameter;
  private final Map<String, Token> byOrigin =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Token> eldest) {
          return size() > MAX_ORIGINS;
        }
      };

  /**
   * @param subject the contact push services may write to: a {@code mailto:} or {@code https:} URI
   * @throws IllegalArgumentException when the subject is neither
   */
  public VapidTokens(VapidKeys keys, String subject, Clock clock) {
    this.keys = keys;
    this.subject = requireSubject(subject);
    this.clock = clock;
    this.keyParameter = keys.publicKeyBase64Url();
  }

  /** The Authorization header's value for a subscription's push service. */
  public String authorization(PushSubscription subscription) {
    return authorization(subscription.origin());
  }

  /** The Authorization header's value for a push service at {@code origin}. */
  public String authorization(String origin) {
    Instant now = clock.instant();
    synchronized (byOrigin) {
      Token token = byOrigin.get(origin);
      if (token == null || !now.isBefore(token.expires().minus(REFRESH_MARGIN))) {
        token = sign(origin, now);
        byOrigin.put(origin, token);
      }
      return token.header();
    }
  }

  /** Origins with a token kept: for tests of the bound. */
  int cachedOrigins() {
    synchronized (byOrigin) {
      return byOrigin.size();
    }
  }

  private Token sign(String origin, Instant now) {
    Instant expires = now.plus(LIFETIME);
    ObjectNode claims = MAPPER.createObjectNode();
    claims.put("aud", origin);
    claims.put("exp", expires.getEpochSecond());
    claims.put("sub", subject);
    String signingInput =
        HEADER + "." + Base64Url.encode(claims.toString().getBytes(StandardCharsets.UTF_8));
    String jwt =
        signingInput
            + "."
            + Base64Url.encode(keys.sign(signingInput.getBytes(StandardCharsets.US_ASCII)));
    return new Token("vapid t=" + jwt + ", k=" + keyParameter, expires);
  }

  private static String requireSubject(String subject) {
    String rule = "VAPID subject must be a mailto: or https: URI, was '";
    if (subject == null) {
      throw new IllegalArgumentException(rule + "null'");
    }
    try {
      URI uri = new URI(subject);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      boolean mailto = scheme.equals("mailto") && uri.getSchemeSpecificPart().contains("@");
      boolean https = scheme.equals("https") && uri.getHost() != null;
      if (mailto || https) {
        return subject;
      }
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(rule + Base64Url.shorten(subject) + "'", e);
    }
    throw new IllegalArgumentException(rule + Base64Url.shorten(subject) + "'");
  }

  private record Token(String header, Instant expires) {}
}
