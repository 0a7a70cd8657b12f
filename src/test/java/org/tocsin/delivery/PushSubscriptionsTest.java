package org.tocsin.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tocsin.store.MutableClock;
import org.tocsin.store.TestDatabase;
import org.tocsin.store.TestDatabase.Backend;

class PushSubscriptionsTest {

  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
  private static final String ENDPOINT = "https://push.example.org/send/abc";

  @TempDir Path tempDir;

  private final MutableClock clock = new MutableClock(DeliveryTest.START);

  private static String p256dh() {
    byte[] point = new byte[65];
    point[0] = 0x04;
    point[1] = 7;
    return BASE64URL.encodeToString(point);
  }

  private static String auth() {
    return BASE64URL.encodeToString(new byte[16]);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aSubscriptionIsRemovedWithItsTokenOnly(Backend backend) throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      PushSubscriptions subscriptions = new PushSubscriptions(db.database(), clock);
      PushSubscriptions.Added added =
          subscriptions.add(ENDPOINT, p256dh(), auth(), List.of("A1", "A2", "A1"), "10.0.0.1");

      String id = added.subscription().id();
      assertThat(subscriptions.find(id).orElseThrow().areaIds()).containsExactly("A1", "A2");
      assertThat(subscriptions.remove(id, "not-the-token")).isFalse();
      assertThat(subscriptions.find(id)).isPresent();
      assertThat(subscriptions.remove(id, added.token())).isTrue();
      assertThat(subscriptions.find(id)).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void anEndpointAndAClientHoldOnlySoManySubscriptions(Backend backend) throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      PushSubscriptions subscriptions = new PushSubscriptions(db.database(), clock);
      for (int i = 0; i < PushSubscriptions.MAX_PER_ENDPOINT; i++) {
        subscriptions.add(ENDPOINT, p256dh(), auth(), List.of("A1"), "10.0.0.1");
      }
      assertThatThrownBy(
              () -> subscriptions.add(ENDPOINT, p256dh(), auth(), List.of("A1"), "10.0.0.2"))
          .hasMessage("this endpoint already has 4 push subscriptions, the most allowed");
      for (int i = PushSubscriptions.MAX_PER_ENDPOINT; i < PushSubscriptions.MAX_PER_CLIENT; i++) {
        subscriptions.add(ENDPOINT + i, p256dh(), auth(), List.of("A1"), "10.0.0.1");
      }
      assertThatThrownBy(
              () -> subscriptions.add(ENDPOINT + "x", p256dh(), auth(), List.of("A1"), "10.0.0.1"))
          .hasMessage("this client address already has 32 push subscriptions, the most allowed");
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void malformedEndpointsAndKeysAreRefusedNamingTheField(Backend backend) throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      PushSubscriptions subscriptions = new PushSubscriptions(db.database(), clock);
      assertThatThrownBy(
              () ->
                  subscriptions.add(
                      "http://push.example.org/x", p256dh(), auth(), List.of("A1"), "c"))
          .hasMessageStartingWith("endpoint must be https (http only on a loopback address)");
      assertThat(
              subscriptions
                  .add("http://127.0.0.1:9/x", p256dh(), auth(), List.of("A1"), "c")
                  .subscription()
                  .endpoint()
                  .getPort())
          .isEqualTo(9);
      // localhost is loopback by definition (RFC 6761), as browsers and web-push-testing hold.
      assertThat(
              subscriptions
                  .add("http://localhost:9/x", p256dh(), auth(), List.of("A1"), "c")
                  .subscription()
                  .endpoint()
                  .getHost())
          .isEqualTo("localhost");
      assertThatThrownBy(
              () ->
                  subscriptions.add(
                      "http://localhost.example.org:9/x", p256dh(), auth(), List.of("A1"), "c"))
          .hasMessageStartingWith("endpoint must be https (http only on a loopback address)");
      assertThatThrownBy(
              () ->
                  subscriptions.add(
                      ENDPOINT, BASE64URL.encodeToString(new byte[64]), auth(), List.of("A1"), "c"))
          .hasMessage("keys.p256dh: must be 65 bytes, was 64");
      assertThatThrownBy(() -> subscriptions.add(ENDPOINT, p256dh(), "!!", List.of("A1"), "c"))
          .hasMessage("keys.auth: must be base64url text");
      assertThatThrownBy(() -> subscriptions.add(ENDPOINT, p256dh(), auth(), List.of(), "c"))
          .hasMessage("areas: must name at least one area");
      assertThatThrownBy(() -> subscriptions.add(ENDPOINT, p256dh(), auth(), List.of("A1,A2"), "c"))
          .hasMessageStartingWith("areas: an area id must be 1 to 100 letters");
    }
  }
}
