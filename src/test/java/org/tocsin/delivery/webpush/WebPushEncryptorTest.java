package org.tocsin.delivery.webpush;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.Base64;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WebPushEncryptorTest {

  /** RFC 8291 §5 and Appendix A, copied from the RFC. */
  private static final String PLAINTEXT = "When I grow up, I want to be a watermelon";

  private static final String AS_PRIVATE = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
  private static final String AS_PUBLIC =
      "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
  private static final String UA_PUBLIC =
      "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
  private static final String AUTH = "BTBZMqHH6r4Tts7J_aSIgg";
  private static final String SALT = "DGv6ra1nlYgDCS1FRnbzlw";
  private static final String ECDH_SECRET = "kyrL1jIIOHEzg3sM2ZWRHDRB62YACZhhSlknJ672kSs";
  private static final String BODY =
      "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6"
          + "TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qu"
          + "lcy4a-fN";

  private static final Base64.Decoder B64 = Base64.getUrlDecoder();

  private final WebPushEncryptor encryptor = WebPushEncryptor.create();

  @Test
  void reproducesTheRfc8291ExampleByteForByte() {
    PushSubscription subscription =
        PushSubscription.of(
            "https://push.example.net/push/JzLQ3raZJfFBR0aqvOMsLrt54w4rJUsV", UA_PUBLIC, AUTH);
    BigInteger asPrivate = new BigInteger(1, B64.decode(AS_PRIVATE));

    byte[] body =
        WebPushEncryptor.encrypt(
            subscription, PLAINTEXT.getBytes(StandardCharsets.UTF_8), asPrivate, B64.decode(SALT));

    assertThat(Base64Url.encode(body)).isEqualTo(BODY);
  }

  @Test
  void agreesOnTheRfc8291SecretWithEitherImplementation() {
    BigInteger asPrivate = new BigInteger(1, B64.decode(AS_PRIVATE));
    EcdhAgreement.Agreement agreement =
        new BouncyCastleEcdh().agree(B64.decode(UA_PUBLIC), asPrivate);

    assertThat(Base64Url.encode(agreement.ephemeralPublicKey())).isEqualTo(AS_PUBLIC);
    assertThat(Base64Url.encode(agreement.sharedSecret())).isEqualTo(ECDH_SECRET);
  }

  @Test
  void aUserAgentDecryptsWhatEachImplementationEncryptsForRandomKeysAndLengths() throws Exception {
    SplittableRandom random = new SplittableRandom(8291);
    for (WebPushEncryptor each :
        new WebPushEncryptor[] {
          WebPushEncryptor.using(ConscryptEcdh.load().orElseThrow()),
          WebPushEncryptor.using(new BouncyCastleEcdh()),
          WebPushEncryptor.using(new JdkEcdh())
        }) {
      for (int i = 0; i < 40; i++) {
        KeyPair ua = UserAgents.keyPair();
        byte[] auth = UserAgents.auth();
        int length =
            i == 0 ? 0 : i == 1 ? WebPushEncryptor.MAX_PLAINTEXT_BYTES : random.nextInt(2_000);
        byte[] plaintext = new byte[length];
        random.nextBytes(plaintext);
        PushSubscription subscription =
            UserAgents.subscription("https://push.example.net/s/" + i, ua, auth);

        byte[] body = each.encrypt(subscription, plaintext);

        assertThat(Aes128GcmDecryptor.decrypt(body, ua, auth)).isEqualTo(plaintext);
        assertThat(body.length).isEqualTo(86 + length + 1 + 16).isLessThanOrEqualTo(4_096);
      }
    }
  }

  @Test
  void encryptsOnBoringSslsP256WhereConscryptLoadsAsOnThisPlatform() {
    // Linux on x86-64, where the server runs and CI tests: Conscrypt's jar carries its library.
    assertThat(WebPushEncryptor.p256Implementation()).isEqualTo("conscrypt");
  }

  @Test
  void conscryptsSharedSecretIsTheUserAgentsToo() {
    ConscryptEcdh ecdh = ConscryptEcdh.load().orElseThrow();
    BigInteger uaPrivate = P256.randomScalar(new java.security.SecureRandom());
    byte[] uaPublic = P256.G.multiply(uaPrivate).normalize().getEncoded(false);

    EcdhAgreement.Agreement agreement = ecdh.agree(uaPublic, null);

    // What the user agent computes from the server's ephemeral key and its own private key.
    byte[] uaSecret =
        P256.decodePublicKey("as", agreement.ephemeralPublicKey())
            .multiply(uaPrivate)
            .normalize()
            .getAffineXCoord()
            .getEncoded();
    assertThat(agreement.sharedSecret()).isEqualTo(uaSecret);
  }

  @Test
  void conscryptRefusesAKeyOffTheCurveNamingTheField() {
    ConscryptEcdh ecdh = ConscryptEcdh.load().orElseThrow();
    byte[] offCurve = B64.decode(UA_PUBLIC);
    offCurve[64] ^= 1;

    assertThatThrownBy(() -> ecdh.agree(offCurve, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("keys.p256dh must be a point on the P-256 curve");
    assertThatThrownBy(() -> ecdh.agree(Arrays.copyOf(offCurve, 33), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("keys.p256dh must be an uncompressed P-256 point");
  }

  @Test
  void paddingIsZerosAfterTheDelimiterAndComesOffAgain() throws Exception {
    KeyPair ua = UserAgents.keyPair();
    byte[] auth = UserAgents.auth();
    PushSubscription subscription = UserAgents.subscription("https://push.example.net/s", ua, auth);
    byte[] plaintext = "short".getBytes(StandardCharsets.UTF_8);

    byte[] body = encryptor.encrypt(subscription, plaintext, 100);

    assertThat(body).hasSize(86 + 5 + 1 + 100 + 16);
    assertThat(Aes128GcmDecryptor.decrypt(body, ua, auth)).isEqualTo(plaintext);
  }

  @Test
  void everyMessageHasItsOwnSaltAndEphemeralKey() {
    PushSubscription subscription =
        UserAgents.subscription(
            "https://push.example.net/s", UserAgents.keyPair(), UserAgents.auth());
    byte[] first = encryptor.encrypt(subscription, new byte[10]);
    byte[] second = encryptor.encrypt(subscription, new byte[10]);

    assertThat(Arrays.copyOfRange(first, 0, 16)).isNotEqualTo(Arrays.copyOfRange(second, 0, 16));
    assertThat(Arrays.copyOfRange(first, 21, 86)).isNotEqualTo(Arrays.copyOfRange(second, 21, 86));
  }

  @Test
  void writesTheRecordSizeAndKeyIdOfRfc8188() {
    PushSubscription subscription =
        UserAgents.subscription(
            "https://push.example.net/s", UserAgents.keyPair(), UserAgents.auth());
    byte[] body = encryptor.encrypt(subscription, new byte[10]);

    assertThat(Arrays.copyOfRange(body, 16, 21)).containsExactly(0, 0, 0x10, 0, 65);
    assertThat(body[21]).isEqualTo((byte) 0x04);
  }

  @Test
  void refusesAPayloadThatWouldNotFitFourKilobytes() {
    PushSubscription subscription =
        UserAgents.subscription(
            "https://push.example.net/s", UserAgents.keyPair(), UserAgents.auth());

    assertThatThrownBy(
            () ->
                encryptor.encrypt(subscription, new byte[WebPushEncryptor.MAX_PLAINTEXT_BYTES + 1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("payload and padding must be at most 3993 bytes");
    assertThatThrownBy(() -> encryptor.encrypt(subscription, new byte[1], -1))
        .hasMessageContaining("padding must be at least 0");
  }
}
