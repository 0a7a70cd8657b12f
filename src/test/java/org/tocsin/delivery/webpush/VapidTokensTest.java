package org.tocsin.delivery.webpush;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.tocsin.store.MutableClock;

class VapidTokensTest {

  private static final Pattern HEADER =
      Pattern.compile(
          "vapid t=([A-Za-z0-9_-]+)\\.([A-Za-z0-9_-]+)\\.([A-Za-z0-9_-]+), k=([A-Za-z0-9_-]+)");
  private static final Instant START = Instant.parse("2026-12-02T09:00:00Z");

  private final VapidKeys keys = VapidKeys.generate();
  private final MutableClock clock = new MutableClock(START);
  private final VapidTokens tokens = new VapidTokens(keys, "mailto:ops@tocsin.example", clock);

  @Test
  void theTokenVerifiesWithThePublicKeyAndNamesThePushServiceAndTheContact() throws Exception {
    Matcher header = parse(tokens.authorization("https://fcm.googleapis.com"));

    Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
    verifier.initVerify(keys.publicKey());
    verifier.update((header.group(1) + "." + header.group(2)).getBytes(StandardCharsets.US_ASCII));
    assertThat(verifier.verify(Base64.getUrlDecoder().decode(header.group(3)))).isTrue();
    assertThat(header.group(4)).isEqualTo(keys.publicKeyBase64Url());
    assertThat(Base64.getUrlDecoder().decode(header.group(4))).hasSize(65).startsWith(4);

    JsonNode jose = json(header.group(1));
    assertThat(jose.get("alg").asText()).isEqualTo("ES256");
    assertThat(jose.get("typ").asText()).isEqualTo("JWT");
    JsonNode claims = json(header.group(2));
    assertThat(claims.get("aud").asText()).isEqualTo("https://fcm.googleapis.com");
    assertThat(claims.get("sub").asText()).isEqualTo("mailto:ops@tocsin.example");
    assertThat(claims.get("exp").asLong())
        .isEqualTo(START.plus(Duration.ofHours(12)).getEpochSecond())
        .isLessThanOrEqualTo(START.plus(Duration.ofHours(24)).getEpochSecond());
  }

  @Test
  void aTokenIsReusedForItsOriginUntilAnHourBeforeItExpires() {
    String first = tokens.authorization("https://fcm.googleapis.com");
    String other = tokens.authorization("https://updates.push.services.mozilla.com");

    clock.advance(Duration.ofHours(10).plusMinutes(59));
    assertThat(tokens.authorization("https://fcm.googleapis.com")).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);

    clock.advance(Duration.ofMinutes(1));
    String renewed = tokens.authorization("https://fcm.googleapis.com");
    assertThat(renewed).isNotEqualTo(first);
    assertThat(json(parse(renewed).group(2)).get("exp").asLong())
        .isEqualTo(START.plus(Duration.ofHours(23)).getEpochSecond());
  }

  @Test
  void keepsTokensForABoundedNumberOfOrigins() {
    for (int i = 0; i < VapidTokens.MAX_ORIGINS + 50; i++) {
      tokens.authorization("https://push" + i + ".example.net");
    }

    assertThat(tokens.cachedOrigins()).isEqualTo(VapidTokens.MAX_ORIGINS);
  }

  @Test
  void refusesASubjectThatIsNoContact() {
    assertThatThrownBy(() -> new VapidTokens(keys, "ops@tocsin.example", clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("VAPID subject must be a mailto: or https: URI, was 'ops@tocsin.example'");
    assertThatThrownBy(() -> new VapidTokens(keys, "http://tocsin.example", clock))
        .hasMessageContaining("VAPID subject must be");
    assertThat(new VapidTokens(keys, "https://tocsin.example/contact", clock)).isNotNull();
  }

  private static Matcher parse(String header) {
    Matcher matcher = HEADER.matcher(header);
    assertThat(matcher.matches()).as(header).isTrue();
    return matcher;
  }

  private static JsonNode json(String base64Url) {
    try {
      return new ObjectMapper().readTree(Base64.getUrlDecoder().decode(base64Url));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
