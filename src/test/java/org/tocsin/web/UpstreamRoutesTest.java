package org.tocsin.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tocsin.area.AreaSets;
import org.tocsin.cap.CapReader;
import org.tocsin.cap.CapSigner;
import org.tocsin.store.KeyHolder;
import org.tocsin.store.SensorKeys;
import org.tocsin.store.TestDatabase;
import org.tocsin.store.TestDatabase.Backend;
import org.tocsin.store.UpstreamMessages;

/**
 * Upstream CAP on a running server with its database: who may post it, which signatures it needs,
 * and how much of it is kept.
 */
class UpstreamRoutesTest {

  /** A message in the voice of the State Emergency Service, from someone else. */
  private static final String FORGED =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
        <identifier>dsns-forged-1</identifier>
        <sender>dsns.gov.ua</sender>
        <sent>2026-03-02T03:00:00+02:00</sent>
        <status>%s</status>
        <msgType>Alert</msgType>
        <scope>Public</scope>
        <info>
          <category>Safety</category>
          <event>Missile threat</event>
          <urgency>Past</urgency>
          <severity>Minor</severity>
          <certainty>Observed</certainty>
          <headline>FORGED: all clear</headline>
        </info>
      </alert>
      """;

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper mapper = new ObjectMapper();
  @TempDir Path dir;
  private TestDatabase db;
  private WebServer server;
  private String authorityKey;
  private String sensorKey;

  @AfterEach
  void stop() throws SQLException {
    if (server != null) {
      server.close();
    }
    db.close();
  }

  /** A server whose one authority is {@code dsns}, one sensor {@code radar-1}. */
  private void start(Backend backend, List<KeyPair> trusted, int maxBytes, int maxMessages)
      throws SQLException {
    db = TestDatabase.create(backend, dir);
    SensorKeys keys = new SensorKeys(db.database(), Clock.systemUTC());
    authorityKey = keys.add("dsns", KeyHolder.UPSTREAM_AUTHORITY);
    sensorKey = keys.add("radar-1");
    restart(trusted, maxBytes, maxMessages);
  }

  private void restart(List<KeyPair> trusted, int maxBytes, int maxMessages) {
    if (server != null) {
      server.close();
    }
    SensorKeys keys = new SensorKeys(db.database(), Clock.systemUTC());
    ServerOptions options =
        ServerOptions.defaults(0, keys::authenticate)
            .withTrustedCapKeys(trusted.stream().map(KeyPair::getPublic).toList())
            .withUpstream(
                new UpstreamAuthorities(
                    key -> keys.authenticate(key, KeyHolder.UPSTREAM_AUTHORITY),
                    new UpstreamMessages(db.database(), Clock.systemUTC(), maxBytes, maxMessages)));
    server = WebServer.start(new SeaImpactReplay().live, AreaSets.bundled("ua-oblasts"), options);
  }

  private void start(List<KeyPair> trusted) throws SQLException {
    start(Backend.H2, trusted, UpstreamMessages.DEFAULT_MAX_DOCUMENT_BYTES, 500);
  }

  private HttpResponse<String> postCap(String key, byte[] xml) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/api/v1/cap"))
            .header("Authorization", "Bearer " + key)
            .header("Content-Type", "application/cap+xml")
            .POST(HttpRequest.BodyPublishers.ofByteArray(xml))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode kept() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://localhost:" + server.port() + "/api/v1/upstream"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return mapper.readTree(response.body()).get("messages");
  }

  private static byte[] forged(String status) {
    return FORGED.formatted(status).getBytes(StandardCharsets.UTF_8);
  }

  private static KeyPair ecKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static String signed(KeyPair key, byte[] xml) {
    return new CapSigner(key).sign(CapReader.read(xml));
  }

  /** The same text in UTF-16, its declaration saying so. */
  private static byte[] utf16(String xml) {
    return xml.replaceFirst("encoding=\"(?i:utf-8)\"", "encoding=\"UTF-16\"")
        .getBytes(StandardCharsets.UTF_16);
  }

  @Test
  void anUnsignedMessageIsRefusedWhenKeysAreTrusted() throws Exception {
    start(List.of(ecKey()));

    HttpResponse<String> refused = postCap(authorityKey, forged("Actual"));

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    assertThat(mapper.readTree(refused.body()).get("detail").asText())
        .isEqualTo(
            "element 'Signature': missing: this server takes only CAP signed with a trusted key");
    assertThat(kept()).isEmpty();
  }

  @Test
  void aSignedMessageAlteredAndReencodedAsUtf16IsRefused() throws Exception {
    KeyPair trusted = ecKey();
    start(List.of(trusted));
    String exercise = signed(trusted, forged("Exercise"));
    assertThat(exercise).contains("encoding=\"UTF-8\"");

    HttpResponse<String> altered =
        postCap(authorityKey, utf16(exercise.replace(">Exercise<", ">Actual<")));

    assertThat(altered.statusCode()).as(altered.body()).isEqualTo(400);
    assertThat(mapper.readTree(altered.body()).get("detail").asText())
        .startsWith("element 'Signature': does not verify");
    assertThat(kept()).isEmpty();
  }

  @Test
  void aSignedMessageInUtf16VerifiesAndTheListSaysWhoPostedAndWhoSigned() throws Exception {
    KeyPair trusted = ecKey();
    start(List.of(ecKey(), trusted));

    HttpResponse<String> accepted =
        postCap(authorityKey, utf16(signed(trusted, forged("Exercise"))));

    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    String fingerprint = PublicKeys.fingerprint(trusted.getPublic());
    assertThat(fingerprint).matches("SHA256:[0-9a-f]{64}");
    assertThat(mapper.readTree(accepted.body()).get("signedBy").asText()).isEqualTo(fingerprint);
    JsonNode message = kept().get(0);
    assertThat(message.get("identifier").asText()).isEqualTo("dsns-forged-1");
    assertThat(message.get("status").asText()).isEqualTo("Exercise");
    assertThat(message.get("headlines").get(0).asText()).isEqualTo("FORGED: all clear");
    assertThat(message.get("receivedFrom").asText()).isEqualTo("dsns");
    assertThat(message.get("signedBy").asText()).isEqualTo(fingerprint);
  }

  @Test
  void aSignatureByAnUntrustedKeyIsRefused() throws Exception {
    start(List.of(ecKey()));

    HttpResponse<String> refused = postCap(authorityKey, utf16(signed(ecKey(), forged("Actual"))));

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("not trusted");
    assertThat(kept()).isEmpty();
  }

  @Test
  void aSensorKeyMayNotPostCap() throws Exception {
    start(List.of());

    HttpResponse<String> refused = postCap(sensorKey, forged("Actual"));

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
    assertThat(mapper.readTree(refused.body()).get("detail").asText())
        .startsWith("a sensor's API key may not post CAP");
    assertThat(postCap("no-such-key", forged("Actual")).statusCode()).isEqualTo(401);
    assertThat(kept()).isEmpty();
  }

  @Test
  void withoutTrustedKeysUnsignedValidCapIsKeptAndInvalidCapRefused() throws Exception {
    start(List.of());

    HttpResponse<String> accepted = postCap(authorityKey, sample("weather.cap"));
    HttpResponse<String> invalid = postCap(authorityKey, sample("invalid.cap"));

    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    assertThat(mapper.readTree(accepted.body()).get("receivedFrom").asText()).isEqualTo("dsns");
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(mapper.readTree(invalid.body()).get("detail").asText()).contains("element");
    JsonNode kept = kept();
    assertThat(kept).hasSize(1);
    assertThat(kept.get(0).get("signedBy").isNull()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void messagesAreKeptInTheDatabaseBoundedInSizeAndCount(Backend backend) throws Exception {
    start(backend, List.of(), 4_096, 3);
    for (int i = 1; i <= 5; i++) {
      String message = new String(forged("Exercise"), StandardCharsets.UTF_8);
      byte[] xml = message.replace("dsns-forged-1", "dsns-" + i).getBytes(StandardCharsets.UTF_8);
      assertThat(postCap(authorityKey, xml).statusCode()).isEqualTo(202);
    }
    String padded =
        new String(forged("Exercise"), StandardCharsets.UTF_8)
            .replace(
                "<headline>", "<description>" + "x".repeat(5_000) + "</description><headline>");

    HttpResponse<String> tooLarge = postCap(authorityKey, padded.getBytes(StandardCharsets.UTF_8));
    restart(List.of(), 4_096, 3);

    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(tooLarge.headers().firstValue("Content-Type"))
        .hasValue("application/problem+json; charset=utf-8");
    assertThat(mapper.readTree(tooLarge.body()).get("detail").asText())
        .startsWith("body: an upstream CAP message must be at most 4096 bytes, was ");
    JsonNode kept = kept();
    assertThat(kept).hasSize(3);
    assertThat(kept.findValuesAsText("identifier")).containsExactly("dsns-3", "dsns-4", "dsns-5");
  }

  private static byte[] sample(String name) throws Exception {
    return Files.readAllBytes(Path.of("src", "test", "resources", "cap", "samples", name));
  }
}
