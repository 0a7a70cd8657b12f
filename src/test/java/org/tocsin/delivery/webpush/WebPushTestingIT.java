package org.tocsin.delivery.webpush;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client against a real push service: the npm package {@code web-push-testing}, which checks
 * the VAPID token against the key the subscription was made with, decrypts the aes128gcm body and
 * keeps the plaintext for the test to read back.
 */
class WebPushTestingIT {

  private static WebPushTestingService service;

  private final VapidKeys vapid = VapidKeys.generate();
  private final WebPushClient client =
      WebPushClient.create(vapid, "mailto:ops@tocsin.example", Clock.systemUTC());
  private final PushOptions options =
      PushOptions.of(Duration.ofMinutes(10)).withTopic("threat-0f3a9c");

  @BeforeAll
  static void startPushService() throws Exception {
    service = WebPushTestingService.start();
  }

  @AfterAll
  static void stopPushService() throws Exception {
    if (service != null) {
      service.close();
    }
  }

  @Test
  void thePushServiceDecryptsTheAlertAsSent() throws Exception {
    WebPushTestingService.Subscribed phone = service.subscribe(vapid.publicKeyBase64Url());
    String alert =
        "{\"threat\":\"T-1\",\"level\":\"shelter\",\"status\":\"Exercise\","
            + "\"headline\":{\"uk\":\"Навчання: негайно в укриття\",\"en\":\"Exercise: take"
            + " shelter now\"}}";

    PushResult result =
        client.send(phone.subscription(), alert.getBytes(StandardCharsets.UTF_8), options);

    assertThat(result.outcome()).as(result.reason()).isEqualTo(PushResult.Outcome.DELIVERED);
    assertThat(result.httpStatus()).hasValue(201);
    assertThat(service.messages(phone)).containsExactly(alert);
  }

  @Test
  void messagesUpToTheLargestArriveInOrderOnOneToken() throws Exception {
    WebPushTestingService.Subscribed phone = service.subscribe(vapid.publicKeyBase64Url());
    List<String> sent = new ArrayList<>();
    for (int length : new int[] {0, 1, 1_000, WebPushEncryptor.MAX_PLAINTEXT_BYTES}) {
      String payload = "a".repeat(length);
      sent.add(payload);
      PushResult result =
          client.send(phone.subscription(), payload.getBytes(StandardCharsets.UTF_8), options);
      assertThat(result.outcome()).as(result.reason()).isEqualTo(PushResult.Outcome.DELIVERED);
    }

    assertThat(service.messages(phone)).containsExactlyElementsOf(sent);
  }

  @Test
  void anExpiredSubscriptionIsGone() throws Exception {
    WebPushTestingService.Subscribed phone = service.subscribe(vapid.publicKeyBase64Url());
    service.expire(phone);

    PushResult result =
        client.send(phone.subscription(), "{}".getBytes(StandardCharsets.UTF_8), options);

    assertThat(result.outcome()).isEqualTo(PushResult.Outcome.GONE);
    assertThat(result.httpStatus()).hasValue(410);
    assertThat(service.messages(phone)).isEmpty();
  }

  @Test
  void aSubscriptionForAnotherApplicationServerRefusesOurToken() throws Exception {
    WebPushTestingService.Subscribed theirs =
        service.subscribe(VapidKeys.generate().publicKeyBase64Url());

    PushResult result =
        client.send(theirs.subscription(), "{}".getBytes(StandardCharsets.UTF_8), options);

    assertThat(result.outcome()).isEqualTo(PushResult.Outcome.FAILED);
    assertThat(result.httpStatus()).hasValue(400);
    assertThat(service.messages(theirs)).isEmpty();
  }
}
