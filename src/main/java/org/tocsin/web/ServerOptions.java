package org.tocsin.web;

import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.tocsin.cap.CapIssuer;

/**
 * How a server is set up.
 *
 * @param port the HTTP port, 0 for any free one
 * @param sensors who may post reports
 * @param requestsPerSecond each sensor's sustained request rate on ingest
 * @param burst each sensor's burst of requests on ingest
 * @param maxBodyBytes the largest request body accepted
 * @param baseUrl the public address, without a trailing slash: the base of every absolute link the
 *     server writes (the ATOM feed, the CAP messages' links); {@code --public-url}
 * @param wall the wall clock, for rate limits
 * @param signingKey the key that signs the CAP messages issued, if any
 * @param trustedCapKeys public keys whose signatures make upstream CAP trusted: when any is set,
 *     every upstream CAP message must be signed and verify with one of them
 * @param operators the operator console's accounts and sessions, if the console is open
 * @param capIssuer the CAP sender and the series of the identifiers: a server with a journal takes
 *     its series from the journal's database, so that a restart issues the same identifiers again
 * @param upstream the upstream authorities who may post CAP, if any; without them nobody may
 */
public record ServerOptions(
    int port,
    SensorAuthenticator sensors,
    double requestsPerSecond,
    double burst,
    long maxBodyBytes,
    String baseUrl,
    Clock wall,
    Optional<KeyPair> signingKey,
    List<PublicKey> trustedCapKeys,
    Optional<OperatorAuth> operators,
    CapIssuer capIssuer,
    Optional<UpstreamAuthorities> upstream) {

  public ServerOptions {
    Objects.requireNonNull(sensors, "sensors");
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(wall, "wall");
    Objects.requireNonNull(signingKey, "signingKey");
    trustedCapKeys = List.copyOf(trustedCapKeys);
    Objects.requireNonNull(operators, "operators");
    Objects.requireNonNull(capIssuer, "capIssuer");
    Objects.requireNonNull(upstream, "upstream");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be within [0, 65535], was " + port);
    }
    if (!baseUrl.matches("https?://[^/?#\\s]+(/[^?#\\s]*)?")) {
      throw new IllegalArgumentException(
          "public URL (--public-url) must be an absolute http or https URL without query or"
              + " fragment, was '"
              + baseUrl
              + "'");
    }
    baseUrl = baseUrl.replaceAll("/+$", "");
    if (maxBodyBytes < 1_024) {
      throw new IllegalArgumentException("maxBodyBytes must be at least 1024, was " + maxBodyBytes);
    }
  }

  /**
   * Defaults: 50 requests a second per sensor with bursts of 100, bodies up to 4 MiB, the default
   * CAP sender with a new series (for a server without a journal to keep one in).
   */
  public static ServerOptions defaults(int port, SensorAuthenticator sensors) {
    return new ServerOptions(
        port,
        sensors,
        50,
        100,
        4L << 20,
        "http://localhost:" + port,
        Clock.systemUTC(),
        Optional.empty(),
        List.of(),
        Optional.empty(),
        CapIssuer.fresh(CapIssuer.DEFAULT_SENDER),
        Optional.empty());
  }

  public ServerOptions withRate(double newRequestsPerSecond, double newBurst) {
    return new ServerOptions(
        port,
        sensors,
        newRequestsPerSecond,
        newBurst,
        maxBodyBytes,
        baseUrl,
        wall,
        signingKey,
        trustedCapKeys,
        operators,
        capIssuer,
        upstream);
  }

  /** The same options with another public address (see {@code baseUrl}). */
  public ServerOptions withBaseUrl(String newBaseUrl) {
    return new ServerOptions(
        port,
        sensors,
        requestsPerSecond,
        burst,
        maxBodyBytes,
        newBaseUrl,
        wall,
        signingKey,
        trustedCapKeys,
        operators,
        capIssuer,
        upstream);
  }

  public ServerOptions withSigningKey(KeyPair key) {
    return new ServerOptions(
        port,
        sensors,
        requestsPerSecond,
        burst,
        maxBodyBytes,
        baseUrl,
        wall,
        Optional.of(key),
        trustedCapKeys,
        operators,
        capIssuer,
        upstream);
  }

  public ServerOptions withTrustedCapKeys(List<PublicKey> keys) {
    return new ServerOptions(
        port,
        sensors,
        requestsPerSecond,
        burst,
        maxBodyBytes,
        baseUrl,
        wall,
        signingKey,
        keys,
        operators,
        capIssuer,
        upstream);
  }

  public ServerOptions withOperators(OperatorAuth auth) {
    return new ServerOptions(
        port,
        sensors,
        requestsPerSecond,
        burst,
        maxBodyBytes,
        baseUrl,
        wall,
        signingKey,
        trustedCapKeys,
        Optional.of(auth),
        capIssuer,
        upstream);
  }

  public ServerOptions withCapIssuer(CapIssuer issuer) {
    return new ServerOptions(
        port,
        sensors,
        requestsPerSecond,
        burst,
        maxBodyBytes,
        baseUrl,
        wall,
        signingKey,
        trustedCapKeys,
        operators,
        issuer,
        upstream);
  }

  public ServerOptions withUpstream(UpstreamAuthorities authorities) {
    return new ServerOptions(
        port,
        sensors,
        requestsPerSecond,
        burst,
        maxBodyBytes,
        baseUrl,
        wall,
        signingKey,
        trustedCapKeys,
        operators,
        capIssuer,
        Optional.of(authorities));
  }
}
