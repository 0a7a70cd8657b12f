package org.tocsin.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tocsin.store.MutableClock;

class LoginThrottleTest {

  private static final String ATTACKER = "203.0.113.66";
  private static final String OWNER = "192.0.2.10";
  private static final String APPROVER = "petro";

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T02:00:00Z"));
  private final LoginThrottle throttle = LoginThrottle.standard(clock);

  private void advance(Duration duration) {
    clock.set(clock.instant().plus(duration));
  }

  /** Fails once as soon as the throttle admits it: the attacker's best. */
  private Duration failAsSoonAsAdmitted(String address, String account) {
    Duration waited = Duration.ZERO;
    Optional<Duration> wait;
    while ((wait = throttle.admit(address, account)).isPresent()) {
      advance(wait.get());
      waited = waited.plus(wait.get());
    }
    return waited;
  }

  @Test
  void theAttackingPairWaitsTwiceAsLongAfterEachFailureBeyondItsFreeOnes() {
    List<Duration> waits = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      waits.add(failAsSoonAsAdmitted(ATTACKER, APPROVER));
    }

    assertThat(waits)
        .containsExactly(
            Duration.ZERO,
            Duration.ZERO,
            Duration.ZERO,
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(8),
            Duration.ofSeconds(16),
            Duration.ofSeconds(32),
            Duration.ofSeconds(64),
            Duration.ofSeconds(128),
            Duration.ofSeconds(256));
    assertThat(throttle.admit(ATTACKER, APPROVER)).contains(LoginThrottle.PAIR.maxDelay());
  }

  @Test
  void theDelayStopsGrowingAtItsCeilingInsteadOfBecomingALock() {
    for (int i = 0; i < 40; i++) {
      failAsSoonAsAdmitted(ATTACKER, APPROVER);
    }

    assertThat(throttle.admit(ATTACKER, APPROVER)).contains(LoginThrottle.PAIR.maxDelay());
  }

  @Test
  void refusedAttemptsAreNotCountedSoHammeringEarnsNoLongerDelay() {
    for (int i = 0; i < 4; i++) {
      throttle.admit(ATTACKER, APPROVER);
    }
    for (int i = 0; i < 1_000; i++) {
      assertThat(throttle.admit(ATTACKER, APPROVER)).contains(Duration.ofSeconds(1));
    }
  }

  /**
   * Finding 6: 30 and more failures from the attacker's address; the owner, from another address,
   * waits at most the per-account ceiling of a few seconds, and never if it has logged in from
   * there before.
   */
  @Test
  void theOwnerFromAnotherAddressIsKeptOutAtMostAFewSecondsWhateverTheAttackerDoes() {
    for (int i = 0; i < 40; i++) {
      failAsSoonAsAdmitted(ATTACKER, APPROVER);
    }

    Optional<Duration> ownersWait = throttle.admit(OWNER, APPROVER);
    assertThat(ownersWait.orElse(Duration.ZERO))
        .isLessThanOrEqualTo(LoginThrottle.ACCOUNT.maxDelay());
    ownersWait.ifPresent(this::advance);
    if (ownersWait.isPresent()) {
      assertThat(throttle.admit(OWNER, APPROVER)).isEmpty();
    }
    throttle.succeeded(OWNER, APPROVER);
    assertThat(throttle.admit(ATTACKER, APPROVER)).isPresent();
  }

  @Test
  void anAddressTheOwnerHasLoggedInFromIsNotDelayedByFailuresFromElsewhere() {
    assertThat(throttle.admit(OWNER, APPROVER)).isEmpty();
    throttle.succeeded(OWNER, APPROVER);
    // Many addresses, one failure each: the per-account tally alone grows.
    for (int i = 0; i < 40; i++) {
      String botnet = "198.51.100." + i;
      throttle.admit(botnet, APPROVER);
    }
    assertThat(throttle.admit("198.51.100.200", APPROVER)).isPresent();

    assertThat(throttle.admit(OWNER, APPROVER)).isEmpty();
  }

  @Test
  void oneAddressTryingManyNamesIsSlowedDownAcrossThemAll() {
    for (int i = 0; i < 10; i++) {
      assertThat(throttle.admit(ATTACKER, "name-" + i)).isEmpty();
    }

    assertThat(throttle.admit(ATTACKER, "yet-another-name")).contains(Duration.ofSeconds(1));
    assertThat(throttle.admit(OWNER, "yet-another-name")).isEmpty();
  }

  @Test
  void aSuccessStartsThePairAfreshAndAnAttemptNotTriedIsNotCounted() {
    for (int i = 0; i < 3; i++) {
      throttle.admit(OWNER, APPROVER);
    }
    throttle.succeeded(OWNER, APPROVER);
    for (int i = 0; i < 3; i++) {
      assertThat(throttle.admit(OWNER, APPROVER)).isEmpty();
      throttle.notTried(OWNER, APPROVER);
    }
    for (int i = 0; i < 3; i++) {
      assertThat(throttle.admit(OWNER, APPROVER)).as("attempt %d", i + 1).isEmpty();
    }
    assertThat(throttle.admit(OWNER, APPROVER)).isPresent();
  }

  @Test
  void anAttackerFromOneIpv6NetworkIsOneAddress() {
    for (int i = 0; i < 3; i++) {
      assertThat(throttle.admit("2001:db8:1:2::" + Integer.toHexString(i + 1), APPROVER)).isEmpty();
    }

    assertThat(throttle.admit("2001:db8:1:2:ffff::9", APPROVER)).isPresent();
    assertThat(throttle.admit("2001:db8:1:3::1", APPROVER)).isEmpty();
  }

  @Test
  void theTableStaysWithinItsBoundAndForgetsCooledTalliesFirst() {
    LoginThrottle small = new LoginThrottle(clock, 300);
    for (int i = 0; i < 4; i++) {
      small.admit(ATTACKER, APPROVER);
    }
    for (int i = 0; i < 2_000; i++) {
      small.admit("198.51.100." + (i % 250), "name-" + i);
      assertThat(small.size()).isLessThanOrEqualTo(300);
    }
    advance(LoginThrottle.COOL_DOWN);

    assertThat(small.admit(OWNER, APPROVER)).isEmpty();
    assertThat(small.size()).isLessThanOrEqualTo(300);
  }

  @Test
  void aTableTooSmallForOneAttemptIsRefused() {
    assertThatThrownBy(() -> new LoginThrottle(clock, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxEntries must be at least 3, was 2");
  }
}
