package org.tocsin.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tocsin.alert.AlertStatus;
import org.tocsin.alert.Policy;
import org.tocsin.alert.WarningPipeline;
import org.tocsin.area.AreaSet;
import org.tocsin.area.AreaSets;
import org.tocsin.cap.CapReader;
import org.tocsin.cap.CapSigner;
import org.tocsin.node.LiveWarnings;
import org.tocsin.node.Recovery;
import org.tocsin.node.StoreJournal;
import org.tocsin.store.Database;
import org.tocsin.store.Journal;
import org.tocsin.store.KeyHolder;
import org.tocsin.store.Role;
import org.tocsin.store.SensorKeys;
import org.tocsin.store.TestDatabase;
import org.tocsin.store.UpstreamMessages;
import org.tocsin.store.UpstreamRelays;

/**
 * A server as {@code tocsin serve} runs it, relaying upstream authorities' alerts: a fresh database
 * of either kind, the journal with two delivery channels in the outbox, two upstream authorities
 * ({@code air-force} and {@code dsns}) whose messages must be signed with the trusted key, the
 * operators of the console, and a restart that replays the journal.
 */
final class UpstreamRelayServer implements AutoCloseable {

  static final AreaSet AREAS = AreaSets.bundled("ua-hromadas");
  static final List<String> CHANNELS = List.of("webhook", "mqtt-sirens");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** CAP writes the offset as {@code +00:00}, never {@code Z}. */
  private static final DateTimeFormatter CAP_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

  final TestDatabase db;
  final KeyPair trusted;
  final String airForceKey;
  final String dsnsKey;
  private final UpstreamAuthorities.RelayMode mode;
  private LiveWarnings live;
  private WebServer server;

  UpstreamRelayServer(TestDatabase.Backend backend, Path dir, UpstreamAuthorities.RelayMode mode)
      throws Exception {
    this.db = TestDatabase.create(backend, dir);
    this.mode = mode;
    this.trusted = ecKey();
    SensorKeys keys = new SensorKeys(db.database(), Clock.systemUTC());
    airForceKey = keys.add("air-force", KeyHolder.UPSTREAM_AUTHORITY);
    dsnsKey = keys.add("dsns", KeyHolder.UPSTREAM_AUTHORITY);
    OperatorAuth auth = auth(db.database());
    auth.accounts().create("olena", Role.OPERATOR, ConsoleServer.PASSWORD.toCharArray());
    auth.accounts().create("petro", Role.APPROVER, ConsoleServer.PASSWORD.toCharArray());
    start();
  }

  private static OperatorAuth auth(Database database) {
    return OperatorAuth.on(database, Clock.systemUTC(), Duration.ofMinutes(15));
  }

  private void start() {
    Database database = db.database();
    Journal journal = new Journal(database, Clock.systemUTC());
    live =
        new LiveWarnings(
            new WarningPipeline(Policy.DEFAULT, AREAS),
            Clock.systemUTC(),
            AlertStatus.ACTUAL,
            1,
            new StoreJournal(journal, CHANNELS));
    Recovery.replay(journal, live);
    server = WebServer.start(live, AREAS, options(database, trusted, mode));
  }

  /** The options of a server whose authorities are {@code air-force} and {@code dsns}. */
  static ServerOptions options(
      Database database, KeyPair trusted, UpstreamAuthorities.RelayMode mode) {
    SensorKeys keys = new SensorKeys(database, Clock.systemUTC());
    return ServerOptions.defaults(0, keys::authenticate)
        .withTrustedCapKeys(List.of(trusted.getPublic()))
        .withOperators(auth(database))
        .withCapIssuer(ConsoleServer.capIssuer(database))
        .withUpstream(
            new UpstreamAuthorities(
                    key -> keys.authenticate(key, KeyHolder.UPSTREAM_AUTHORITY),
                    new UpstreamMessages(database, Clock.systemUTC()))
                .withRelay(
                    new UpstreamAuthorities.Relay(
                        mode, new UpstreamRelays(database, Clock.systemUTC()))));
  }

  /** Stops the server and starts a new one on the same database, replaying the journal. */
  void restart() {
    server.close();
    db.reopen();
    start();
  }

  LiveWarnings live() {
    return live;
  }

  String base() {
    return "http://localhost:" + server.port();
  }

  static KeyPair ecKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  /** The document signed with {@code key}, as the existing upstream tests sign. */
  static byte[] signed(KeyPair key, String xml) {
    return new CapSigner(key)
        .sign(CapReader.read(xml.getBytes(StandardCharsets.UTF_8)))
        .getBytes(StandardCharsets.UTF_8);
  }

  /** A test resource, as text. */
  static String resource(String path) {
    try (InputStream in = UpstreamRelayServer.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A CAP time, whole seconds, in Kyiv's winter offset (any offset will do). */
  static String capTime(Instant time) {
    return CAP_TIME.format(time.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.ofHours(2)));
  }

  /**
   * The air force's launch announcement, sent now, arriving in {@code onsetIn}, valid for half an
   * hour.
   *
   * @param references {@code sender,identifier,sent} of the message it follows, or null
   */
  static String launch(
      String identifier,
      String status,
      String msgType,
      String response,
      Duration onsetIn,
      String references) {
    Instant now = Instant.now();
    return resource("/cap/upstream/air-force-launch.cap")
        .replace("${IDENTIFIER}", identifier)
        .replace("${SENT}", capTime(now))
        .replace("${STATUS}", status)
        .replace("${MSGTYPE}", msgType)
        .replace("${RESPONSE}", response)
        .replace("${ONSET}", capTime(now.plus(onsetIn)))
        .replace("${EXPIRES}", capTime(now.plus(Duration.ofMinutes(30))))
        .replace(
            "${REFERENCES}",
            references == null ? "" : "<references>" + references + "</references>");
  }

  /** A government's thirty-minute advance notice, sent now, valid for 45 minutes. */
  static String notice(String identifier, String status) {
    Instant now = Instant.now();
    return resource("/cap/upstream/thirty-minute-notice.cap")
        .replace("${IDENTIFIER}", identifier)
        .replace("${SENT}", capTime(now))
        .replace("${STATUS}", status)
        .replace("${EXPIRES}", capTime(now.plus(Duration.ofMinutes(45))));
  }

  /** The air force's Cancel of the messages in {@code references}. */
  static String cancel(String identifier, String status, String references) {
    return resource("/cap/upstream/air-force-cancel.cap")
        .replace("${IDENTIFIER}", identifier)
        .replace("${SENT}", capTime(Instant.now()))
        .replace("${STATUS}", status)
        .replace("${REFERENCES}", "<references>" + references + "</references>");
  }

  /** The {@code sender,identifier,sent} a later message references this one by. */
  static String referenceTo(String xml) {
    return between(xml, "<sender>", "</sender>")
        + ","
        + between(xml, "<identifier>", "</identifier>")
        + ","
        + between(xml, "<sent>", "</sent>");
  }

  private static String between(String text, String start, String end) {
    int from = text.indexOf(start) + start.length();
    return text.substring(from, text.indexOf(end, from));
  }

  /** Posts CAP with an authority's key. */
  HttpResponse<String> post(String key, byte[] xml) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(base() + "/api/v1/cap"))
            .header("Authorization", "Bearer " + key)
            .header("Content-Type", "application/cap+xml")
            .POST(HttpRequest.BodyPublishers.ofByteArray(xml))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Posts CAP signed with the trusted key and expects it accepted; returns the answer. */
  JsonNode postSigned(String key, String xml) throws Exception {
    HttpResponse<String> response = post(key, signed(trusted, xml));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return ConsoleClient.MAPPER.readTree(response.body());
  }

  /** {@code GET /api/v1/alerts}, as the public page reads it. */
  JsonNode alerts() throws Exception {
    return ConsoleClient.anonymous(base()).get("/api/v1/alerts").json();
  }

  /** The alerts in force whose origin is upstream. */
  List<JsonNode> upstreamAlerts() throws Exception {
    List<JsonNode> alerts = new ArrayList<>();
    alerts().get("alerts").forEach(alerts::add);
    return alerts.stream().filter(a -> a.get("origin").asText().equals("upstream")).toList();
  }

  SseReader events() throws Exception {
    return SseReader.open(base() + "/api/v1/events", Map.of());
  }

  /** The outbox channels an event was queued for. */
  List<String> outboxChannels(String eventId) throws SQLException {
    List<String> channels = new ArrayList<>();
    try (Connection connection = db.jdbc();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT channel FROM outbox WHERE idempotency_key LIKE '"
                    + eventId
                    + "/%' ORDER BY channel")) {
      while (rows.next()) {
        channels.add(rows.getString(1));
      }
    }
    return channels;
  }

  @Override
  public void close() throws SQLException {
    server.close();
    db.close();
  }
}
