package org.tocsin.sensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class WallClockPaceTest {

  private static final Instant WALL = Instant.parse("2026-12-02T12:00:00Z");
  private static final Instant SERVER_TIME = Instant.parse("2026-12-02T14:30:00Z");

  @Test
  void aBatchIsDueAfterItsDistanceFromTheOriginDividedByTheSpeed() {
    WallClockPace pace = new WallClockPace(Clock.fixed(WALL, ZoneOffset.UTC), SERVER_TIME, 100);

    assertThat(pace.wallTimeOf(SERVER_TIME)).isEqualTo(WALL);
    assertThat(pace.wallTimeOf(SERVER_TIME.plus(Duration.ofMinutes(15))))
        .isEqualTo(WALL.plus(Duration.ofSeconds(9)));
  }

  @Test
  void theSpeedMustBePositiveAndFinite() {
    for (double speed : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThatThrownBy(() -> new WallClockPace(Clock.systemUTC(), SERVER_TIME, speed))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("speed must be positive and finite, was " + speed);
    }
  }
}
