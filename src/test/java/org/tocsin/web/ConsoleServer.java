package org.tocsin.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.tocsin.alert.AlertStatus;
import org.tocsin.alert.Policy;
import org.tocsin.alert.WarningPipeline;
import org.tocsin.area.AreaSet;
import org.tocsin.area.AreaSets;
import org.tocsin.cap.CapIssuer;
import org.tocsin.node.LiveWarnings;
import org.tocsin.node.Recovery;
import org.tocsin.node.StoreJournal;
import org.tocsin.store.Database;
import org.tocsin.store.Journal;
import org.tocsin.store.JournalIdentity;
import org.tocsin.store.Role;
import org.tocsin.store.TestDatabase;

/**
 * A server as {@code tocsin serve} runs it, for the console's tests: a fresh database of either
 * kind, the journal with two delivery channels in the outbox, operators of every role, and a
 * restart that replays the journal as a crashed server's successor would.
 */
final class ConsoleServer implements AutoCloseable {

  static final String PASSWORD = "correct horse battery staple";

  /** The accounts made: one of each role, and a second approver. */
  static final List<String> ACCOUNTS = List.of("olena", "petro", "marta", "vika", "admin");

  /** The outbox channels every alert event is queued for. */
  static final List<String> CHANNELS = List.of("webhook", "mqtt-sirens");

  static final AreaSet AREAS = AreaSets.bundled("ua-hromadas");

  final TestDatabase db;
  private final AlertStatus serverStatus;
  private final AreaSet areas;
  private LiveWarnings live;
  private WebServer server;

  ConsoleServer(TestDatabase.Backend backend, Path dir, AlertStatus serverStatus)
      throws SQLException {
    this(backend, dir, serverStatus, AREAS);
  }

  /** A server that warns over {@code areas} instead of the hromadas. */
  ConsoleServer(TestDatabase.Backend backend, Path dir, AlertStatus serverStatus, AreaSet areas)
      throws SQLException {
    this.db = TestDatabase.create(backend, dir);
    this.serverStatus = serverStatus;
    this.areas = areas;
    OperatorAuth auth = auth(db.database());
    auth.accounts().create("olena", Role.OPERATOR, PASSWORD.toCharArray());
    auth.accounts().create("petro", Role.APPROVER, PASSWORD.toCharArray());
    auth.accounts().create("marta", Role.APPROVER, PASSWORD.toCharArray());
    auth.accounts().create("vika", Role.VIEWER, PASSWORD.toCharArray());
    auth.accounts().create("admin", Role.ADMIN, PASSWORD.toCharArray());
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
            new WarningPipeline(Policy.DEFAULT, areas),
            Clock.systemUTC(),
            serverStatus,
            1,
            new StoreJournal(journal, CHANNELS));
    Recovery.replay(journal, live);
    server =
        WebServer.start(
            live,
            areas,
            ServerOptions.defaults(0, SensorAuthenticator.NONE)
                .withOperators(auth(database))
                .withCapIssuer(capIssuer(database)));
  }

  /** The CAP issuer as {@code tocsin serve} makes it: its series kept in the journal. */
  static CapIssuer capIssuer(Database database) {
    return new CapIssuer(
        CapIssuer.DEFAULT_SENDER,
        JournalIdentity.capSeries(database, Clock.systemUTC(), CapIssuer::newSeries));
  }

  /** The CAP identifier of an event's message, as this server issues it. */
  String capIdentifier(String eventId) {
    return capIssuer(db.database()).identifier(eventId);
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

  ConsoleClient client(String account) throws Exception {
    return ConsoleClient.login(base(), account, PASSWORD);
  }

  /** Olena drafts; returns the draft's id. */
  long draft(JsonNode body) throws Exception {
    ConsoleClient.Response response = client("olena").post("/api/v1/drafts", body);
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    return response.json().get("id").asLong();
  }

  /** Petro approves, confirming {@code status}. */
  void approve(long id, String status) throws Exception {
    ConsoleClient.Response response =
        client("petro")
            .post(
                "/api/v1/drafts/" + id + "/approve",
                ConsoleClient.MAPPER.createObjectNode().put("confirmStatus", status));
    assertThat(response.status()).as(response.body()).isEqualTo(200);
  }

  /** The alerts in force, as the public API serves them. */
  List<JsonNode> alertsInForce() throws Exception {
    List<JsonNode> alerts = new ArrayList<>();
    ConsoleClient.anonymous(base()).get("/api/v1/alerts").json().get("alerts").forEach(alerts::add);
    return alerts;
  }

  /** The threat of the first alert of {@code status}. */
  static String threatOf(List<JsonNode> alerts, String status) {
    return alerts.stream()
        .filter(a -> a.get("status").asText().equals(status))
        .findFirst()
        .orElseThrow()
        .get("threat")
        .asText();
  }

  @Override
  public void close() throws SQLException {
    server.close();
    db.close();
  }
}
