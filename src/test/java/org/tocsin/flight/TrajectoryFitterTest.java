package org.tocsin.flight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tocsin.geo.Ellipsoid;
import org.tocsin.geo.GeoPoint;
import org.tocsin.geo.Geodesics;

class TrajectoryFitterTest {

  private static final Instant LAUNCH = Instant.parse("2024-11-21T02:00:00Z");
  private static final GeoPoint KAPUSTIN_YAR = GeoPoint.of(48.58, 45.75);
  private static final GeoPoint DNIPRO = GeoPoint.of(48.44, 35.01);

  @Test
  void dniproReconstructionMeetsTheReportedPointsAndTime() {
    FittedTrajectory fitted =
        new TrajectoryFitter(FlightModel.of(ThreatClass.IRBM))
            .fit(new FitRequest(KAPUSTIN_YAR, DNIPRO, LAUNCH, new FitConstraint.FlightTime(900)));

    assertThat(fitted.missM()).isLessThan(0.5);
    assertThat(fitted.flight().flightTimeS()).isCloseTo(900, within(1e-3));
    assertThat(fitted.initialState().time()).isEqualTo(LAUNCH);
    GeoPoint start = Ellipsoid.WGS84.toGeodetic(fitted.initialState().positionEcefM());
    assertThat(Geodesics.WGS84.distanceM(start, KAPUSTIN_YAR)).isLessThan(1e-3);
    assertThat(fitted.iterations()).isLessThan(15);
  }

  /**
   * Over one range, a flight time below the minimum-energy arc's gives the depressed branch and one
   * above it the lofted branch; both converge, in vacuum and with drag, and so do apogees.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Drag.class)
  void bothBranchesConvergeForFlightTimeAndApogee(Drag drag) {
    GeoPoint launch = GeoPoint.of(45, 40);
    GeoPoint impact = Geodesics.WGS84.direct(launch, 250, 1_500_000);
    FlightModel model = FlightModel.of(ThreatClass.MRBM).withDrag(drag);
    TrajectoryFitter fitter = new TrajectoryFitter(model);
    double rangeAngle = 1_500_000 / 6_371_000.0;
    double radius = Ellipsoid.WGS84.toEcef(launch).getNorm();
    double mu = model.earth().muM3S2();
    double minimumEnergyS =
        KeplerianArc.flightTimeForAngleS(
            radius, rangeAngle, KeplerianArc.minimumEnergyAngleRad(rangeAngle), mu);
    double minimumEnergyApogeeM =
        KeplerianArc.apogeeRadiusForAngleM(
                radius, rangeAngle, KeplerianArc.minimumEnergyAngleRad(rangeAngle), mu)
            - radius;

    FittedTrajectory depressed =
        fitter.fit(
            new FitRequest(
                launch, impact, LAUNCH, new FitConstraint.FlightTime(0.8 * minimumEnergyS)));
    FittedTrajectory lofted =
        fitter.fit(
            new FitRequest(
                launch, impact, LAUNCH, new FitConstraint.FlightTime(1.5 * minimumEnergyS)));
    FittedTrajectory low =
        fitter.fit(
            new FitRequest(
                launch, impact, LAUNCH, new FitConstraint.Apogee(0.75 * minimumEnergyApogeeM)));
    FittedTrajectory high =
        fitter.fit(
            new FitRequest(
                launch, impact, LAUNCH, new FitConstraint.Apogee(2.5 * minimumEnergyApogeeM)));

    assertThat(depressed.branch()).isEqualTo(Branch.DEPRESSED);
    assertThat(lofted.branch()).isEqualTo(Branch.LOFTED);
    assertThat(low.branch()).isEqualTo(Branch.DEPRESSED);
    assertThat(high.branch()).isEqualTo(Branch.LOFTED);
    assertThat(depressed.flight().flightTimeS()).isCloseTo(0.8 * minimumEnergyS, within(1e-3));
    assertThat(lofted.flight().flightTimeS()).isCloseTo(1.5 * minimumEnergyS, within(1e-3));
    assertThat(low.flight().apogee().heightM()).isCloseTo(0.75 * minimumEnergyApogeeM, within(1.0));
    assertThat(high.flight().apogee().heightM()).isCloseTo(2.5 * minimumEnergyApogeeM, within(1.0));
    for (FittedTrajectory fitted : new FittedTrajectory[] {depressed, lofted, low, high}) {
      assertThat(fitted.missM()).isLessThan(0.5);
    }
  }

  @Test
  void aFlightTimeFasterThanAGrazingOrbitIsRefusedSayingWhatWouldWork() {
    FitRequest request =
        new FitRequest(KAPUSTIN_YAR, DNIPRO, LAUNCH, new FitConstraint.FlightTime(60));
    assertThatThrownBy(() -> new TrajectoryFitter(FlightModel.of(ThreatClass.IRBM)).fit(request))
        .isInstanceOf(InfeasibleTrajectoryException.class)
        .hasMessageContaining("flight time 60.0 s is too short for any ballistic arc over 793")
        .hasMessageContaining("grazing arc at orbital speed takes 97.9 s")
        .hasMessageContaining("the minimum-energy arc takes about");
  }

  /** Drag makes the flattest arcs impossible; the value the message offers must then work. */
  @Test
  void aFlightTimeThatDragForbidsIsRefusedWithAValueThatWorks() {
    GeoPoint launch = GeoPoint.of(50, 36);
    GeoPoint impact = GeoPoint.of(50, 40);
    TrajectoryFitter fitter = new TrajectoryFitter(FlightModel.of(ThreatClass.SRBM));
    FitRequest request = new FitRequest(launch, impact, LAUNCH, new FitConstraint.FlightTime(100));

    assertThatThrownBy(() -> fitter.fit(request))
        .isInstanceOf(InfeasibleTrajectoryException.class)
        .hasMessageContaining("lose too much speed to drag")
        .hasMessageContaining("the least flight time that works is about");
    double suggestedS = suggestedValue(request, fitter);
    FittedTrajectory fitted =
        fitter.fit(request.withConstraint(new FitConstraint.FlightTime(suggestedS + 1)));
    assertThat(fitted.missM()).isLessThan(0.5);
    assertThat(fitted.branch()).isEqualTo(Branch.DEPRESSED);
  }

  @Test
  void anApogeeTooLowToReachTheTargetIsRefusedWithAValueThatWorks() {
    TrajectoryFitter fitter = new TrajectoryFitter(FlightModel.of(ThreatClass.IRBM));
    FitRequest request =
        new FitRequest(KAPUSTIN_YAR, DNIPRO, LAUNCH, new FitConstraint.Apogee(10_000));
    assertThatThrownBy(() -> fitter.fit(request))
        .isInstanceOf(InfeasibleTrajectoryException.class)
        .hasMessageContaining("with apogee 10 km")
        .hasMessageContaining("the least apogee that works is about");
    double suggestedKm = suggestedValue(request, fitter);
    FittedTrajectory fitted =
        fitter.fit(request.withConstraint(new FitConstraint.Apogee((suggestedKm + 1) * 1000)));
    assertThat(fitted.missM()).isLessThan(0.5);
  }

  @Test
  void launchAndImpactAtTheSamePlaceAreRefused() {
    FitRequest request =
        new FitRequest(KAPUSTIN_YAR, KAPUSTIN_YAR, LAUNCH, new FitConstraint.FlightTime(300));
    assertThatThrownBy(() -> new TrajectoryFitter(FlightModel.of(ThreatClass.IRBM)).fit(request))
        .hasMessage("launch and impact points must be at least 1 km apart, were 0 m apart");
  }

  @Test
  void constraintsRefuseNonPositiveValues() {
    assertThatThrownBy(() -> new FitConstraint.FlightTime(-3))
        .hasMessage("flight time must be positive, was -3.0 s");
    assertThatThrownBy(() -> new FitConstraint.Apogee(0))
        .hasMessage("apogee must be positive, was 0.0 km");
  }

  private static double suggestedValue(FitRequest request, TrajectoryFitter fitter) {
    try {
      fitter.fit(request);
    } catch (InfeasibleTrajectoryException e) {
      Matcher matcher = Pattern.compile("works is about ([0-9.]+) ").matcher(e.getMessage());
      assertThat(matcher.find()).as(e.getMessage()).isTrue();
      return Double.parseDouble(matcher.group(1));
    }
    throw new AssertionError("expected the request to be refused");
  }
}
