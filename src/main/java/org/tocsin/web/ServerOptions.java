package org.tocsin.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.tocsin.atlas.AtlasLayer;
import org.tocsin.cap.CapIssuer;
import org.tocsin.delivery.PushSubscriptions;
import org.tocsin.delivery.webpush.VapidKeys;
import org.tocsin.ingest.ReportWindow;
import org.tocsin.node.EventSource;
import org.tocsin.node.NodeRoles;

/**
 * How a server is set up.
 *
 * @param bindAddress the IP address the server listens on ({@code --bind}): 127.0.0.1 by default,
 *     so that nothing is exposed to the network until someone says so (0.0.0.0 for every address)
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
 * @param reportWindow the times a report may carry against the server's clock ({@code
 *     --report-max-age}, {@code --report-max-lead})
 * @param maxConnectionsPerClient the most connections one client address may hold open ({@code
 *     --max-connections-per-client}): well above what a browser or a sensor opens, since a mobile
 *     carrier's NAT or a reverse proxy puts many people behind one address
 * @param atlas the shelter-time atlas the page offers as a layer and for "My area" ({@code
 *     --atlas}), if any
 * @param vapidKeys the Web Push application server's keys, whose public half {@code GET
 *     /api/v1/push/key} serves to browsers, if the server sends Web Push
 * @param pushSubscriptions where browsers' push subscriptions are kept ({@code POST
 *     /api/v1/push/subscriptions}), if the server sends Web Push
 * @param maxEventClients the most event-stream clients ({@code GET /api/v1/events}) served at once
 *     ({@code --max-event-clients}); beyond, a client is told to come back (503): it bounds the
 *     sockets and the memory they hold
 * @param events where the event stream's numbered events come from: empty for the node's own
 *     writer; a cluster's events log on several nodes
 * @param roles what the node does now, for {@code GET /health}
 */
public record ServerOptions(
    String bindAddress,
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
    Optional<UpstreamAuthorities> upstream,
    ReportWindow reportWindow,
    int maxConnectionsPerClient,
    Optional<AtlasLayer> atlas,
    Optional<VapidKeys> vapidKeys,
    Optional<PushSubscriptions> pushSubscriptions,
    int maxEventClients,
    Optional<EventSource> events,
    Supplier<NodeRoles> roles) {

  /**
   * Connections one client address may hold unless told otherwise: a browser opens six, but a
   * carrier-grade NAT puts thousands of phones behind one address, and a warning page must reach
   * them all; slow request bodies are cut off by their rate, not by this.
   */
  public static final int DEFAULT_MAX_CONNECTIONS_PER_CLIENT = 1_024;

  /**
   * Event-stream clients served at once unless told otherwise: one node on two busy cores broadcast
   * an event to 19,700 clients (its descriptor limit's worth) with a p99 of 1.0 to 1.9 s once warm,
   * at about 8 KiB of heap a client (BENCHMARKS.md). Each client holds a file descriptor: the
   * process's limit ({@code ulimit -n}) must be above this.
   */
  public static final int DEFAULT_MAX_EVENT_CLIENTS = 20_000;

  /** The widest {@code --max-event-clients}: a file descriptor each, within Linux's nr_open. */
  public static final int MAX_EVENT_CLIENTS_LIMIT = 1_000_000;

  /** Where a server listens unless told otherwise: this machine only. */
  public static final String LOOPBACK = "127.0.0.1";

  private static final Pattern IP_LITERAL =
      Pattern.compile("(\\d{1,3}(\\.\\d{1,3}){3})|([0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)");

  public ServerOptions {
    requireIpAddress("bind address (--bind)", bindAddress);
    Objects.requireNonNull(sensors, "sensors");
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(wall, "wall");
    Objects.requireNonNull(signingKey, "signingKey");
    trustedCapKeys = List.copyOf(trustedCapKeys);
    Objects.requireNonNull(operators, "operators");
    Objects.requireNonNull(capIssuer, "capIssuer");
    Objects.requireNonNull(upstream, "upstream");
    Objects.requireNonNull(reportWindow, "reportWindow");
    Objects.requireNonNull(atlas, "atlas");
    Objects.requireNonNull(vapidKeys, "vapidKeys");
    Objects.requireNonNull(pushSubscriptions, "pushSubscriptions");
    if (maxConnectionsPerClient < 1) {
      throw new IllegalArgumentException(
          "connections per client (--max-connections-per-client) must be at least 1, was "
              + maxConnectionsPerClient);
    }
    requireMaxEventClients(maxEventClients);
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
   * Refuses a limit of event-stream clients outside [1, {@value #MAX_EVENT_CLIENTS_LIMIT}].
   *
   * @throws IllegalArgumentException naming the option, the rule and the value
   */
  public static void requireMaxEventClients(int maxEventClients) {
    if (maxEventClients < 1 || maxEventClients > MAX_EVENT_CLIENTS_LIMIT) {
      throw new IllegalArgumentException(
          "event-stream clients (--max-event-clients) must be within [1, "
              + MAX_EVENT_CLIENTS_LIMIT
              + "], was "
              + maxEventClients);
    }
  }

  /**
   * Refuses anything but an IPv4 or IPv6 address literal: a host name would need a DNS lookup and
   * could listen somewhere else than the banner says.
   *
   * @param field what the address is, for the message: {@code "bind address (--bind)"}
   * @throws IllegalArgumentException naming the field and the rule
   */
  public static void requireIpAddress(String field, String address) {
    String rule =
        field + " must be an IP address such as 127.0.0.1, 0.0.0.0 or ::1, was '" + address + "'";
    if (address == null || !IP_LITERAL.matcher(address).matches()) {
      throw new IllegalArgumentException(rule);
    }
    try {
      // A literal is parsed, never looked up.
      InetAddress.getByName(address);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(rule, e);
    }
  }

  /**
   * Defaults: 50 requests a second per sensor with bursts of 100, bodies up to 4 MiB, the default
   * CAP sender with a new series (for a server without a journal to keep one in), listening on
   * {@link #LOOPBACK} only.
   */
  public static ServerOptions defaults(int port, SensorAuthenticator sensors) {
    return new ServerOptions(
        LOOPBACK,
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
        Optional.empty(),
        ReportWindow.DEFAULT,
        DEFAULT_MAX_CONNECTIONS_PER_CLIENT,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        DEFAULT_MAX_EVENT_CLIENTS,
        Optional.empty(),
        () -> NodeRoles.SINGLE);
  }

  /** The same options listening on another address (see {@code bindAddress}). */
  public ServerOptions withBindAddress(String newBindAddress) {
    return with(options -> options.bindAddress = newBindAddress);
  }

  /** The address to print for people to open: a host part in brackets for IPv6. */
  public String listeningUrl(int boundPort) {
    String host = bindAddress.contains(":") ? "[" + bindAddress + "]" : bindAddress;
    return "http://" + host + ":" + boundPort + "/";
  }

  public ServerOptions withRate(double newRequestsPerSecond, double newBurst) {
    return with(
        options -> {
          options.requestsPerSecond = newRequestsPerSecond;
          options.burst = newBurst;
        });
  }

  /** The same options with another public address (see {@code baseUrl}). */
  public ServerOptions withBaseUrl(String newBaseUrl) {
    return with(options -> options.baseUrl = newBaseUrl);
  }

  public ServerOptions withSigningKey(KeyPair key) {
    return with(options -> options.signingKey = Optional.of(key));
  }

  public ServerOptions withTrustedCapKeys(List<PublicKey> keys) {
    return with(options -> options.trustedCapKeys = keys);
  }

  public ServerOptions withOperators(OperatorAuth auth) {
    return with(options -> options.operators = Optional.of(auth));
  }

  public ServerOptions withCapIssuer(CapIssuer issuer) {
    return with(options -> options.capIssuer = issuer);
  }

  /** The same options with another limit of connections per client address. */
  public ServerOptions withMaxConnectionsPerClient(int newMaxConnectionsPerClient) {
    return with(options -> options.maxConnectionsPerClient = newMaxConnectionsPerClient);
  }

  /** The same options with another limit of event-stream clients (see {@code maxEventClients}). */
  public ServerOptions withMaxEventClients(int newMaxEventClients) {
    return with(options -> options.maxEventClients = newMaxEventClients);
  }

  /** The same options with another report window (see {@code reportWindow}). */
  public ServerOptions withReportWindow(ReportWindow newReportWindow) {
    return with(options -> options.reportWindow = newReportWindow);
  }

  public ServerOptions withVapidKeys(VapidKeys keys) {
    return with(options -> options.vapidKeys = Optional.of(keys));
  }

  public ServerOptions withUpstream(UpstreamAuthorities authorities) {
    return with(options -> options.upstream = Optional.of(authorities));
  }

  /** The same options with a shelter-time atlas for the page (see {@code atlas}). */
  public ServerOptions withAtlas(AtlasLayer layer) {
    return with(options -> options.atlas = Optional.of(layer));
  }

  /** The same options keeping browsers' push subscriptions in {@code store}. */
  public ServerOptions withPushSubscriptions(PushSubscriptions store) {
    return with(options -> options.pushSubscriptions = Optional.of(store));
  }

  /**
   * The same options serving the event stream from {@code source} rather than the node's own
   * writer: a cluster's events log, numbered alike on every node.
   */
  public ServerOptions withEvents(EventSource source) {
    return with(options -> options.events = Optional.of(source));
  }

  /** The same options telling {@code GET /health} the node's roles from {@code supplier}. */
  public ServerOptions withRoles(Supplier<NodeRoles> supplier) {
    return with(options -> options.roles = supplier);
  }

  /** The components of options being changed: a copy, changed in place, then checked anew. */
  private static final class Changes {
    String bindAddress;
    int port;
    SensorAuthenticator sensors;
    double requestsPerSecond;
    double burst;
    long maxBodyBytes;
    String baseUrl;
    Clock wall;
    Optional<KeyPair> signingKey;
    List<PublicKey> trustedCapKeys;
    Optional<OperatorAuth> operators;
    CapIssuer capIssuer;
    Optional<UpstreamAuthorities> upstream;
    ReportWindow reportWindow;
    int maxConnectionsPerClient;
    Optional<AtlasLayer> atlas;
    Optional<VapidKeys> vapidKeys;
    Optional<PushSubscriptions> pushSubscriptions;
    int maxEventClients;
    Optional<EventSource> events;
    Supplier<NodeRoles> roles;

    Changes(ServerOptions options) {
      bindAddress = options.bindAddress;
      port = options.port;
      sensors = options.sensors;
      requestsPerSecond = options.requestsPerSecond;
      burst = options.burst;
      maxBodyBytes = options.maxBodyBytes;
      baseUrl = options.baseUrl;
      wall = options.wall;
      signingKey = options.signingKey;
      trustedCapKeys = options.trustedCapKeys;
      operators = options.operators;
      capIssuer = options.capIssuer;
      upstream = options.upstream;
      reportWindow = options.reportWindow;
      maxConnectionsPerClient = options.maxConnectionsPerClient;
      atlas = options.atlas;
      vapidKeys = options.vapidKeys;
      pushSubscriptions = options.pushSubscriptions;
      maxEventClients = options.maxEventClients;
      events = options.events;
      roles = options.roles;
    }

    ServerOptions options() {
      return new ServerOptions(
          bindAddress,
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
          upstream,
          reportWindow,
          maxConnectionsPerClient,
          atlas,
          vapidKeys,
          pushSubscriptions,
          maxEventClients,
          events,
          roles);
    }
  }

  /** These options with {@code change} made: every wither goes through here. */
  private ServerOptions with(java.util.function.Consumer<Changes> change) {
    Changes changes = new Changes(this);
    change.accept(changes);
    return changes.options();
  }
}
