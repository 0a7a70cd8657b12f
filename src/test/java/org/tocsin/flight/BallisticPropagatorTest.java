package org.tocsin.flight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tocsin.geo.Ellipsoid;
import org.tocsin.geo.GeoPoint;
import org.tocsin.geo.Geodesics;

class BallisticPropagatorTest {

  private static final Instant LAUNCH = Instant.parse("2024-11-21T02:00:00Z");

  static StateVector launchState(
      double lat, double lon, double speedMps, double elevationDeg, double azimuthDeg) {
    return TestLaunches.from(LAUNCH, GeoPoint.of(lat, lon), speedMps, elevationDeg, azimuthDeg);
  }

  static Stream<Arguments> flights() {
    return Stream.of(
        Arguments.of(ThreatClass.SRBM, launchState(50.0, 36.2, 2000, 45, 180)),
        Arguments.of(ThreatClass.SRBM, launchState(50.6, 36.59, 1600, 25, 240)),
        Arguments.of(ThreatClass.IRBM, launchState(48.58, 45.75, 5500, 47, 265)),
        Arguments.of(ThreatClass.MRBM, launchState(31.0, 35.0, 4500, 35, 90)),
        Arguments.of(ThreatClass.ICBM, launchState(62.0, 40.0, 7800, 25, 10)));
  }

  /** The default tolerance is the one simulations and the server use: it must not cost accuracy. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("flights")
  void defaultToleranceRepeatsTheConvergedImpactWithinHalfAMetre(
      ThreatClass threatClass, StateVector initial) {
    FlightModel model = FlightModel.of(threatClass);
    Flight fast = new BallisticPropagator(model).propagate(initial);
    Flight converged =
        new BallisticPropagator(model, IntegrationTolerance.REFERENCE).propagate(initial);
    assertThat(Geodesics.WGS84.distanceM(fast.impact().point(), converged.impact().point()))
        .isLessThan(0.5);
    assertThat(fast.flightTimeS()).isCloseTo(converged.flightTimeS(), within(1e-3));
  }

  /**
   * Footprints' tolerance: within 5 m of the converged impact from a launch (the hardest case: the
   * whole climb through dense air), within 25 cm from states later in the flight, where radar
   * tracks give footprints; a twentieth and a four-hundredth of the narrowest footprint's 100 m.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("flights")
  void footprintToleranceRepeatsTheConvergedImpactWithinMetres(
      ThreatClass threatClass, StateVector initial) {
    FlightModel model = FlightModel.of(threatClass);
    BallisticPropagator converged = new BallisticPropagator(model, IntegrationTolerance.REFERENCE);
    BallisticPropagator footprint = new BallisticPropagator(model, IntegrationTolerance.FOOTPRINT);
    Trajectory reference = converged.trace(initial);
    double flightS = reference.flight().flightTimeS();
    for (double share : new double[] {0, 0.3, 0.7}) {
      StateVector from = reference.stateAt(Times.plusSeconds(initial.time(), share * flightS));
      Flight fast = footprint.propagate(from);
      Flight exact = converged.propagate(from);
      assertThat(Geodesics.WGS84.distanceM(fast.impact().point(), exact.impact().point()))
          .as("from %.0f %% of the flight", 100 * share)
          .isLessThan(share == 0 ? 5 : 0.25);
      assertThat(fast.flightTimeS()).isCloseTo(exact.flightTimeS(), within(0.01));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("flights")
  void dragSlowsTheImpactAndShortensTheRange(ThreatClass threatClass, StateVector initial) {
    FlightModel model = FlightModel.of(threatClass);
    Flight withDrag = new BallisticPropagator(model).propagate(initial);
    Flight vacuum = new BallisticPropagator(model.withDrag(Drag.VACUUM)).propagate(initial);
    assertThat(withDrag.impact().speedMps()).isLessThan(vacuum.impact().speedMps());
    GeoPoint site = Ellipsoid.WGS84.toGeodetic(initial.positionEcefM());
    assertThat(Geodesics.WGS84.distanceM(site, withDrag.impact().point()))
        .isLessThan(Geodesics.WGS84.distanceM(site, vacuum.impact().point()));
  }

  @Test
  void impactIsAtHeightZeroAndItsFiguresAgree() {
    Flight flight =
        new BallisticPropagator(FlightModel.of(ThreatClass.IRBM))
            .propagate(launchState(48.58, 45.75, 5500, 47, 265));
    Impact impact = flight.impact();
    GeoPoint reached = Ellipsoid.WGS84.toGeodetic(impact.state().positionEcefM());
    assertThat(reached.heightM()).isCloseTo(0, within(0.01));
    assertThat(impact.speedMps()).isEqualTo(impact.state().speedMps());
    assertThat(impact.machNumber()).isCloseTo(impact.speedMps() / 340.294, within(1e-3));
    assertThat(impact.angleDeg()).isBetween(0.0, 90.0);
    assertThat(flight.apogee().time()).isBetween(flight.initial().time(), impact.state().time());
  }

  @Test
  void traceGivesTheStateAnywhereAlongTheFlight() {
    BallisticPropagator propagator = new BallisticPropagator(FlightModel.of(ThreatClass.IRBM));
    StateVector initial = launchState(48.58, 45.75, 5500, 47, 265);
    Trajectory trajectory = propagator.trace(initial);
    Flight flight = trajectory.flight();
    assertThat(flight).isEqualTo(propagator.propagate(initial));

    StateVector atImpact = trajectory.stateAt(flight.impact().state().time());
    assertThat(atImpact.positionEcefM().distance(flight.impact().state().positionEcefM()))
        .isLessThan(1e-3);
    StateVector atApogee = trajectory.stateAt(flight.apogee().time());
    assertThat(Ellipsoid.WGS84.toGeodetic(atApogee.positionEcefM()).heightM())
        .isCloseTo(flight.apogee().heightM(), within(0.01));
    assertThat(trajectory.stateAt(LAUNCH).positionEcefM().distance(initial.positionEcefM()))
        .isLessThan(1e-6);
    assertThatThrownBy(() -> trajectory.stateAt(LAUNCH.minusSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("time must be within the flight");
  }

  @Test
  void aStateHeadingIntoTheGroundIsRefused() {
    StateVector downward = launchState(48.0, 35.0, 1000, -30, 90);
    assertThatThrownBy(
            () -> new BallisticPropagator(FlightModel.of(ThreatClass.SRBM)).propagate(downward))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("above the ground or climbing");
  }

  @Test
  void anEscapingStateDoesNotComeDown() {
    StateVector escaping = launchState(0, 0, 12_000, 80, 90);
    assertThatThrownBy(
            () ->
                new BallisticPropagator(FlightModel.of(ThreatClass.ICBM).withDrag(Drag.VACUUM))
                    .propagate(escaping))
        .isInstanceOf(NoImpactException.class)
        .hasMessageContaining("does not come down within 6 hours");
  }

  @Test
  void aDescendingMidcourseStateHasItsStartAsApogee() {
    BallisticPropagator propagator = new BallisticPropagator(FlightModel.of(ThreatClass.IRBM));
    Trajectory trajectory = propagator.trace(launchState(48.58, 45.75, 5500, 47, 265));
    Instant afterApogee = trajectory.flight().apogee().time().plusSeconds(60);
    Flight rest = propagator.propagate(trajectory.stateAt(afterApogee));
    assertThat(rest.apogee().time()).isEqualTo(afterApogee);
    assertThat(
            Geodesics.WGS84.distanceM(rest.impact().point(), trajectory.flight().impact().point()))
        .isLessThan(1.0);
  }
}
