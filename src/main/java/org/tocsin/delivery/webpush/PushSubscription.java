package org.tocsin.delivery.webpush;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * A browser's push subscription (the W3C Push API's {@code PushSubscriptionJSON}): where to post,
 * and the keys to encrypt for. Checked whole on construction, so that a subscription that exists
 * can be encrypted for and sent to.
 *
 * @param endpoint the push resource: https, or http on a loopback address (for tests)
 * @param p256dh the user agent's public key, an uncompressed P-256 point on the curve (65 bytes)
 * @param auth the authentication secret (16 bytes)
 */
public record PushSubscription(URI endpoint, byte[] p256dh, byte[] auth) {

  /**
   * Longer than any push service's endpoint (FCM's are some 200 characters); the width of the
   * {@code push_subscription} table's column.
   */
  public static final int MAX_ENDPOINT_CHARS = 2_000;

  public static final int AUTH_BYTES = 16;

  public PushSubscription {
    Objects.requireNonNull(endpoint, "endpoint");
    requireUsableEndpoint(endpoint);
    p256dh = Objects.requireNonNull(p256dh, "keys.p256dh").clone();
    auth = Objects.requireNonNull(auth, "keys.auth").clone();
    P256.decodePublicKey("keys.p256dh", p256dh);
    if (auth.length != AUTH_BYTES) {
      throw new IllegalArgumentException(
          "keys.auth must be " + AUTH_BYTES + " bytes, was " + auth.length);
    }
  }

  /**
   * A subscription as a browser gives it.
   *
   * @param endpoint the endpoint URL
   * @param p256dh {@code keys.p256dh}, base64url
   * @param auth {@code keys.auth}, base64url
   * @throws IllegalArgumentException naming the field and the rule it breaks
   */
  public static PushSubscription of(String endpoint, String p256dh, String auth) {
    return new PushSubscription(
        checkedEndpoint(endpoint),
        Base64Url.decode("keys.p256dh", p256dh),
        Base64Url.decode("keys.auth", auth));
  }

  /**
   * An endpoint as a browser gives it, checked: a URL of at most {@value #MAX_ENDPOINT_CHARS}
   * characters that {@link #requireUsableEndpoint} accepts. The one check of an endpoint, for the
   * subscription API and the sender alike.
   *
   * @throws IllegalArgumentException naming the rule it breaks
   */
  public static URI checkedEndpoint(String endpoint) {
    if (endpoint == null || endpoint.isEmpty()) {
      throw new IllegalArgumentException("endpoint is required");
    }
    if (endpoint.length() > MAX_ENDPOINT_CHARS) {
      throw new IllegalArgumentException(
          "endpoint must be at most "
              + MAX_ENDPOINT_CHARS
              + " characters, was "
              + endpoint.length());
    }
    URI uri;
    try {
      uri = new URI(endpoint);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "endpoint must be a URL, was '" + Base64Url.shorten(endpoint) + "'", e);
    }
    requireUsableEndpoint(uri);
    return uri;
  }

  @Override
  public byte[] p256dh() {
    return p256dh.clone();
  }

  @Override
  public byte[] auth() {
    return auth.clone();
  }

  /** {@code keys.p256dh} as a browser writes it. */
  public String p256dhBase64Url() {
    return Base64Url.encode(p256dh);
  }

  /** {@code keys.auth} as a browser writes it. */
  public String authBase64Url() {
    return Base64Url.encode(auth);
  }

  /** The keys without a copy: for the encryptor, which only reads them. */
  byte[] p256dhShared() {
    return p256dh;
  }

  byte[] authShared() {
    return auth;
  }

  /**
   * The push service's origin (RFC 6454 §6.1): scheme, host and any port other than the scheme's
   * default. The audience of a VAPID token.
   */
  public String origin() {
    String scheme = endpoint.getScheme().toLowerCase(Locale.ROOT);
    int port = endpoint.getPort();
    boolean defaultPort =
        port == -1
            || (scheme.equals("https") && port == 443)
            || (scheme.equals("http") && port == 80);
    return scheme
        + "://"
        + endpoint.getHost().toLowerCase(Locale.ROOT)
        + (defaultPort ? "" : ":" + port);
  }

  /**
   * Refuses an endpoint the client must not post to: anything but https, except plain http to this
   * machine (the test push services), and URLs with user information or a fragment.
   */
  static void requireUsableEndpoint(URI endpoint) {
    String text = Base64Url.shorten(endpoint.toString());
    if (!endpoint.isAbsolute() || endpoint.getHost() == null || endpoint.isOpaque()) {
      throw new IllegalArgumentException(
          "endpoint must be an absolute URL with a host, was '" + text + "'");
    }
    if (endpoint.getRawUserInfo() != null || endpoint.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "endpoint must have no user information or fragment, was '" + text + "'");
    }
    String scheme = endpoint.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("https")) {
      return;
    }
    if (scheme.equals("http") && isLoopback(endpoint.getHost())) {
      return;
    }
    throw new IllegalArgumentException(
        "endpoint must be https (http only on a loopback address), was '" + text + "'");
  }

  /**
   * A loopback host by its name or literal alone: {@code localhost} (loopback by definition, RFC
   * 6761, as browsers hold) or a loopback address literal. No other name is looked up.
   */
  static boolean isLoopback(String host) {
    String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (literal.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (!literal.matches("[0-9.]+|[0-9a-fA-F:]+")) {
      return false;
    }
    try {
      return InetAddress.getByName(literal).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PushSubscription that
        && endpoint.equals(that.endpoint)
        && Arrays.equals(p256dh, that.p256dh)
        && Arrays.equals(auth, that.auth);
  }

  @Override
  public int hashCode() {
    return Objects.hash(endpoint, Arrays.hashCode(p256dh), Arrays.hashCode(auth));
  }

  @Override
  public String toString() {
    return "PushSubscription[endpoint=" + endpoint + "]";
  }
}
