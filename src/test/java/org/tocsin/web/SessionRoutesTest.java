package org.tocsin.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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
    Accounts accounts = new Accounts(database, clock, 3, Duration.ofMinutes(15));
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
  void refusalsSayTheSameWhateverTheReasonAndWrongPasswordsLockTheAccount() throws Exception {
    HttpResponse<String> unknown = login("nobody", PASSWORD);
    HttpResponse<String> wrong = login("olena", "not the password at all");
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(mapper.readTree(unknown.body()).get("detail"))
        .isEqualTo(mapper.readTree(wrong.body()).get("detail"));

    login("olena", "not the password at all");
    login("olena", "not the password at all");
    HttpResponse<String> locked = login("olena", PASSWORD);
    assertThat(locked.statusCode()).isEqualTo(401);
    assertThat(mapper.readTree(locked.body()).get("detail"))
        .isEqualTo(mapper.readTree(wrong.body()).get("detail"));
    assertThat(locked.headers().firstValue("Set-Cookie")).isEmpty();
  }

  @Test
  void aBodyWithoutANameAndAPasswordIsABadRequest() throws Exception {
    assertThat(
            send(session().POST(HttpRequest.BodyPublishers.ofString("{\"name\":1}"))).statusCode())
        .isEqualTo(400);
  }
}
