package org.tocsin.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GeoPointTest {

  @Test
  void latitudeOutOfRangeIsRefusedWithTheRuleAndTheValue() {
    assertThatThrownBy(() -> GeoPoint.of(91.2, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("latitude must be within [-90, 90] degrees, was 91.2");
  }

  @Test
  void longitudeOutOfRangeIsRefusedWithTheRuleAndTheValue() {
    assertThatThrownBy(() -> GeoPoint.of(0, -180.5))
        .hasMessage("longitude must be within [-180, 180] degrees, was -180.5");
  }

  @Test
  void nonFiniteHeightIsRefused() {
    assertThatThrownBy(() -> new GeoPoint(0, 0, Double.NaN))
        .hasMessage("height must be a finite number, was NaN");
  }

  @Test
  void parsesLatitudeCommaLongitude() {
    assertThat(GeoPoint.parse(" 48.58, 45.75 ")).isEqualTo(GeoPoint.of(48.58, 45.75));
  }

  @Test
  void parseNamesTheExpectedForm() {
    assertThatThrownBy(() -> GeoPoint.parse("48.58"))
        .hasMessage("a point must be written LAT,LON in decimal degrees, was '48.58'");
    assertThatThrownBy(() -> GeoPoint.parse("north,45"))
        .hasMessage("a point must be written LAT,LON in decimal degrees, was 'north,45'");
    assertThatThrownBy(() -> GeoPoint.parse("95,45"))
        .hasMessage("latitude must be within [-90, 90] degrees, was 95.0");
  }
}
