package org.tocsin.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tocsin.area.AreaSets;
import org.tocsin.store.Accounts;
import org.tocsin.store.AlertActions;
import org.tocsin.store.Database;
import org.tocsin.store.Drafts;
import org.tocsin.store.Role;
import org.tocsin.store.Sessions;

/** Operators log in and out over the API, on a real server and the embedded database. */
class SessionRoutesTest {

  private static final String PASSWORD = "correct horse battery staple";

  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper mapper = new ObjectMapper();
  private Database database;
  private WebServer server;

  @BeforeEach
  void start() {
    database = Database.openEmbedded(dir);
    Clock clock = Clock.systemUTC();
    Accounts accounts = new Accounts(database, clock);
    accounts.create("olena", Role.OPERATOR, PASSWORD.toCharArray());
    SeaImpactReplay replay = new SeaImpactReplay();
    server =
        WebServer.start(
            replay.live,
            AreaSets.bundled("ua-hromadas"),
            ServerOptions.defaults(0, SensorAuthenticator.NONE)
                .withOperators(
                    new OperatorAuth(
                        accounts,
                        LoginThrottle.standard(clock),
                        ClientAddresses.PEER,
                        new Sessions(database, clock, Duration.ofMinutes(15)),
                        new Drafts(database, clock),
                        new AlertActions(database, clock),
                        java.util.EnumSet.allOf(org.tocsin.alert.AlertStatus.class))));
  }

  @AfterEach
  void stop() {
    server.close();
    database.close();
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder session() {
    return HttpRequest.newBuilder(
        URI.create("http://localhost:" + server.port() + "/api/v1/session"));
  }

  private HttpResponse<String> login(String name, String password) throws Exception {
    String body = mapper.createObjectNode().put("name", name).put("password", password).toString();
    return send(session().POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  @Test
  void aLoginGivesASecureCookieAndACsrfTokenAndLogoutNeedsTheToken() throws Exception {
    HttpResponse<String> login = login("olena", PASSWORD);
    assertThat(login.statusCode()).isEqualTo(201);
    String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie)
        .startsWith("tocsin_session=")
        .contains("HttpOnly", "Secure", "SameSite=Strict");
    String sessionCookie = cookie.substring(0, cookie.indexOf(';'));
    JsonNode body = mapper.readTree(login.body());
    assertThat(body.get("role").asText()).isEqualTo("operator");
    String csrf = body.get("csrfToken").asText();

    HttpResponse<String> me = send(session().header("Cookie", sessionCookie).GET());
    assertThat(mapper.readTree(me.body()).get("account").asText()).isEqualTo("olena");

    assertThat(send(session().header("Cookie", sessionCookie).DELETE()).statusCode())
        .isEqualTo(403);
    assertThat(
            send(session()
                    .header("Cookie", sessionCookie)
                    .header("X-CSRF-Token", "forged")
                    .DELETE())
                .statusCode())
        .isEqualTo(403);
    assertThat(
            send(session().header("Cookie", sessionCookie).header("X-CSRF-Token", csrf).DELETE())
                .statusCode())
        .isEqualTo(204);
    assertThat(send(session().header("Cookie", sessionCookie).GET()).statusCode()).isEqualTo(401);
  }

  @Test
  void refusalsSayTheSameWhateverTheReasonAndWrongPasswordsOnlyDelayTheNextTry() throws Exception {
    HttpResponse<String> unknown = login("nobody", PASSWORD);
    HttpResponse<String> wrong = login("olena", "not the password at all");
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(mapper.readTree(unknown.body()).get("detail"))
        .isEqualTo(mapper.readTree(wrong.body()).get("detail"));

    login("olena", "not the password at all");
    login("olena", "not the password at all");
    HttpResponse<String> delayed = login("olena", PASSWORD);
    assertThat(delayed.statusCode()).isEqualTo(429);
    assertThat(delayed.headers().firstValue("Set-Cookie")).isEmpty();
    long retryAfterS = Long.parseLong(delayed.headers().firstValue("Retry-After").orElseThrow());
    assertThat(retryAfterS).isEqualTo(1);

    Thread.sleep(Duration.ofSeconds(retryAfterS).toMillis());
    assertThat(login("olena", PASSWORD).statusCode()).isEqualTo(201);
  }

  /**
   * The attack of finding 6: wrong passwords for an approver's account from one address. The owner,
   * from another address, must get in at once: there is no lock an attacker can hold.
   */
  @Test
  void anAttackerHammeringWrongPasswordsFromOneAddressCannotKeepTheOwnerOutFromAnother()
      throws Exception {
    InetAddress attacker = InetAddress.getByName("127.0.0.2");
    for (int i = 0; i < 30; i++) {
      RawResponse refused = loginFrom(attacker, "olena", "not the password at all");
      assertThat(refused.status()).as("attempt %d", i + 1).isIn(401, 429);
    }

    HttpResponse<String> owner = login("olena", PASSWORD);

    assertThat(owner.statusCode()).isEqualTo(201);
  }

  @Test
  void theAttackingAddressIsToldToWaitOnceItHasUsedItsFreeTries() throws Exception {
    InetAddress attacker = InetAddress.getByName("127.0.0.2");
    List<Integer> statuses = new ArrayList<>();
    RawResponse last = null;
    for (int i = 0; i < 6; i++) {
      last = loginFrom(attacker, "olena", "not the password at all");
      statuses.add(last.status());
    }

    assertThat(statuses).containsExactly(401, 401, 401, 429, 429, 429);
    assertThat(Integer.parseInt(last.header("Retry-After"))).isBetween(1, 2);
    assertThat(mapper.readTree(last.body()).get("detail").asText())
        .startsWith("too many failed logins from this address");
  }

  @Test
  void aForwardedForHeaderFromAnUntrustedPeerDoesNotEarnAnAttackerFreshTries() throws Exception {
    InetAddress attacker = InetAddress.getByName("127.0.0.2");
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      statuses.add(
          loginFrom(
                  attacker,
                  "olena",
                  "not the password at all",
                  "X-Forwarded-For: 198.51.100." + i + "\r\n")
              .status());
    }

    assertThat(statuses).containsExactly(401, 401, 401, 429, 429);
  }

  private record RawResponse(int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** A login over a socket bound to {@code from}: HttpClient cannot choose its local address. */
  private RawResponse loginFrom(InetAddress from, String name, String password) throws Exception {
    return loginFrom(from, name, password, "");
  }

  private RawResponse loginFrom(InetAddress from, String name, String password, String extraHeaders)
      throws Exception {
    byte[] body =
        mapper
            .createObjectNode()
            .put("name", name)
            .put("password", password)
            .toString()
            .getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(from, 0));
      socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /api/v1/session HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                  + "Content-Length: "
                  + body.length
                  + "\r\nConnection: close\r\n"
                  + extraHeaders
                  + "\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String[] parts = response.split("\r\n\r\n", 2);
      String[] lines = parts[0].split("\r\n");
      Map<String, String> headers = new HashMap<>();
      for (String line : lines) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          headers.put(
              line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
      }
      return new RawResponse(Integer.parseInt(lines[0].split(" ")[1]), headers, parts[1]);
    }
  }

  @Test
  void aBodyWithoutANameAndAPasswordIsABadRequest() throws Exception {
    assertThat(
            send(session().POST(HttpRequest.BodyPublishers.ofString("{\"name\":1}"))).statusCode())
        .isEqualTo(400);
  }
}
