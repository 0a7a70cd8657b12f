package org.tocsin.delivery.webpush;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class PushSubscriptionTest {

  private static final String P256DH =
      "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
  private static final String AUTH = "BTBZMqHH6r4Tts7J_aSIgg";
  private static final String ENDPOINT = "https://fcm.googleapis.com/fcm/send/abc:def";

  @Test
  void takesABrowsersSubscriptionAndWritesItsKeysBackTheSame() {
    PushSubscription subscription = PushSubscription.of(ENDPOINT, P256DH, AUTH);

    assertThat(subscription.p256dhBase64Url()).isEqualTo(P256DH);
    assertThat(subscription.authBase64Url()).isEqualTo(AUTH);
    assertThat(subscription.origin()).isEqualTo("https://fcm.googleapis.com");
  }

  @Test
  void acceptsKeysWithBase64Padding() {
    PushSubscription subscription = PushSubscription.of(ENDPOINT, P256DH + "=", AUTH + "==");

    assertThat(subscription.p256dhBase64Url()).isEqualTo(P256DH);
  }

  @Test
  void refusesAPublicKeyOfTheWrongLength() {
    String short64 = Base64Url.encode(new byte[64]);

    assertThatThrownBy(() -> PushSubscription.of(ENDPOINT, short64, AUTH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "keys.p256dh must be an uncompressed P-256 point (65 bytes starting with 0x04), was 64"
                + " bytes starting with 0x00");
  }

  @Test
  void refusesACompressedPublicKey() {
    byte[] compressed = new byte[65];
    System.arraycopy(Base64.getUrlDecoder().decode(P256DH), 0, compressed, 0, 65);
    compressed[0] = 0x02;

    assertThatThrownBy(() -> PushSubscription.of(ENDPOINT, Base64Url.encode(compressed), AUTH))
        .hasMessageContaining("keys.p256dh must be an uncompressed P-256 point")
        .hasMessageContaining("starting with 0x02");
  }

  @Test
  void refusesAPointOffTheCurve() {
    byte[] point = Base64.getUrlDecoder().decode(P256DH);
    point[64] ^= 1;

    assertThatThrownBy(() -> PushSubscription.of(ENDPOINT, Base64Url.encode(point), AUTH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("keys.p256dh must be a point on the P-256 curve, was not");
  }

  @Test
  void refusesAnAuthSecretThatIsNotSixteenBytes() {
    assertThatThrownBy(() -> PushSubscription.of(ENDPOINT, P256DH, Base64Url.encode(new byte[15])))
        .hasMessage("keys.auth must be 16 bytes, was 15");
  }

  @Test
  void refusesKeysThatAreNotBase64Url() {
    assertThatThrownBy(() -> PushSubscription.of(ENDPOINT, P256DH.replace('_', '/'), AUTH))
        .hasMessageStartingWith("keys.p256dh must be base64url");
    assertThatThrownBy(() -> PushSubscription.of(ENDPOINT, P256DH, null))
        .hasMessage("keys.auth is required (base64url)");
  }

  @Test
  void refusesPlainHttpExceptToThisMachine() {
    assertThatThrownBy(() -> PushSubscription.of("http://push.example.net/s", P256DH, AUTH))
        .hasMessage(
            "endpoint must be https (http only on a loopback address), was"
                + " 'http://push.example.net/s'");
    assertThatThrownBy(() -> PushSubscription.of("http://10.0.0.1/s", P256DH, AUTH))
        .hasMessageContaining("endpoint must be https");
    assertThat(PushSubscription.of("http://127.0.0.1:8090/notify/x", P256DH, AUTH).origin())
        .isEqualTo("http://127.0.0.1:8090");
    assertThat(PushSubscription.of("http://localhost:8090/notify/x", P256DH, AUTH).origin())
        .isEqualTo("http://localhost:8090");
    assertThat(PushSubscription.of("http://[::1]:8090/notify/x", P256DH, AUTH).origin())
        .isEqualTo("http://[::1]:8090");
    assertThat(PushSubscription.of("http://[0:0:0:0:0:0:0:1]/x", P256DH, AUTH).endpoint())
        .hasHost("[0:0:0:0:0:0:0:1]");
    assertThat(PushSubscription.of("http://127.5.6.7/x", P256DH, AUTH).endpoint())
        .hasHost("127.5.6.7");
    // Only a literal counts: a name is never looked up, however it begins.
    assertThatThrownBy(() -> PushSubscription.of("http://localhost.example.net/s", P256DH, AUTH))
        .hasMessageContaining("endpoint must be https");
    assertThatThrownBy(() -> PushSubscription.of("http://127.0.0.1.example.net/s", P256DH, AUTH))
        .hasMessageContaining("endpoint must be https");
  }

  @Test
  void refusesEndpointsThatAreNotPlainUrls() {
    assertThatThrownBy(() -> PushSubscription.of("ftp://push.example.net/s", P256DH, AUTH))
        .hasMessageContaining("endpoint must be https");
    assertThatThrownBy(() -> PushSubscription.of("https://user@push.example.net/s", P256DH, AUTH))
        .hasMessageContaining("no user information or fragment");
    assertThatThrownBy(() -> PushSubscription.of("/relative", P256DH, AUTH))
        .hasMessageContaining("absolute URL with a host");
    assertThatThrownBy(() -> PushSubscription.of("https://x/" + "a".repeat(2_048), P256DH, AUTH))
        .hasMessageContaining("endpoint must be at most 2000 characters");
  }

  @Test
  void theOriginLeavesOutTheDefaultPort() {
    assertThat(PushSubscription.of("https://Push.Example.net:443/s", P256DH, AUTH).origin())
        .isEqualTo("https://push.example.net");
    assertThat(PushSubscription.of("https://push.example.net:8443/s", P256DH, AUTH).origin())
        .isEqualTo("https://push.example.net:8443");
  }
}
