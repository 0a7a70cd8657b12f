package org.tocsin.area;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.tocsin.area.TestAreas.box;
import static org.tocsin.area.TestAreas.collection;
import static org.tocsin.area.TestAreas.feature;
import static org.tocsin.area.TestAreas.polygon;
import static org.tocsin.area.TestAreas.rectangle;
import static org.tocsin.area.TestAreas.set;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tocsin.geo.GeoPoint;
import org.tocsin.geo.Geodesics;

/**
 * Queries on a small set whose geometry is known exactly: two squares W and E sharing the meridian
 * 30.5°E, a square F well east of them, and a square H with a square hole, all near 50°N.
 */
class AreaSetTest {

  private static final Geodesics WGS84 = Geodesics.WGS84;

  private static final AreaSet SQUARES =
      set(
          collection(
              feature("W", box(30.0, 50.0, 30.5, 50.5)),
              feature("E", box(30.5, 50.0, 31.0, 50.5)),
              feature("F", box(32.0, 50.0, 32.5, 50.5)),
              feature(
                  "H",
                  polygon(rectangle(34.0, 50.0, 35.0, 51.0), rectangle(34.4, 50.4, 34.6, 50.6)))));

  private static final GeoPoint IN_W = GeoPoint.of(50.25, 30.25);
  private static final GeoPoint IN_E = GeoPoint.of(50.25, 30.75);

  /** In the hole of H, 0.1° of longitude (about 7.2 km) from the hole's east and west edges. */
  private static final GeoPoint IN_HOLE = GeoPoint.of(50.5, 34.5);

  private static Area area(String id) {
    return SQUARES.byId(id).orElseThrow();
  }

  /** A point {@code distanceM} east of W's border with E, measured along the geodesic. */
  private static GeoPoint eastOfBorderInE(double distanceM) {
    return WGS84.direct(GeoPoint.of(50.25, 30.5), 90, distanceM);
  }

  private static List<ImpactSample> samples(GeoPoint point, int count, double weightEach) {
    return Collections.nCopies(count, new ImpactSample(point, weightEach));
  }

  @Test
  void centroidIsTheCentreOfTheSquareAndOfTheSquareAroundItsHole() {
    assertThat(SQUARES.centroid("W")).isEqualTo(GeoPoint.of(50.25, 30.25));
    assertThat(SQUARES.centroid("H").latitudeDeg()).isCloseTo(50.5, within(1e-12));
    assertThat(SQUARES.centroid("H").longitudeDeg()).isCloseTo(34.5, within(1e-12));
    assertThatThrownBy(() -> SQUARES.centroid("X"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("area X is not in the set");
  }

  @Test
  void containingFindsTheSquareAndNothingOutsideOrInAHole() {
    assertThat(SQUARES.containing(IN_W)).contains(area("W"));
    assertThat(SQUARES.containing(IN_E)).contains(area("E"));
    assertThat(SQUARES.containing(GeoPoint.of(50.25, 31.5))).isEmpty();
    assertThat(SQUARES.containing(IN_HOLE)).isEmpty();
  }

  @Test
  void aPointOnASharedBorderIsContainedByTheFirstOfTheTwo() {
    assertThat(SQUARES.containing(GeoPoint.of(50.25, 30.5))).contains(area("W"));
  }

  @Test
  void nearIncludesTheContainingAreaAndNeighboursNearestFirst() {
    GeoPoint twoKmIntoE = eastOfBorderInE(2_000);

    assertThat(SQUARES.near(twoKmIntoE, 1_000)).containsExactly(area("E"));
    assertThat(SQUARES.near(twoKmIntoE, 3_000)).containsExactly(area("E"), area("W"));
    assertThat(SQUARES.near(twoKmIntoE, 0)).containsExactly(area("E"));
  }

  @Test
  void nearMeasuresToTheRimOfAHole() {
    assertThat(SQUARES.near(IN_HOLE, 7_000)).isEmpty();
    assertThat(SQUARES.near(IN_HOLE, 7_300)).containsExactly(area("H"));
  }

  @ParameterizedTest(name = "{0} m to the {1}")
  @CsvSource({
    "1000, west", "10000, west", "100000, west",
    "1000, south", "10000, south", "100000, south",
    "1000, north", "10000, north", "100000, north"
  })
  void aBufferCatchesAnAreaExactlyWhenItsEdgeIsWithinOnePercentOfTheRadius(
      double distanceM, String side) {
    // Leaving an edge at right angles, the geodesic's foot on the edge is where it started.
    GeoPoint outside =
        switch (side) {
          case "west" -> WGS84.direct(GeoPoint.of(50.25, 30.0), 270, distanceM);
          case "south" -> WGS84.direct(GeoPoint.of(50.0, 30.1), 180, distanceM);
          default -> WGS84.direct(GeoPoint.of(50.5, 30.1), 0, distanceM);
        };
    List<ImpactSample> sample = List.of(new ImpactSample(outside, 0.5));

    assertThat(SQUARES.near(outside, 0.99 * distanceM)).doesNotContain(area("W"));
    assertThat(SQUARES.near(outside, 1.01 * distanceM)).contains(area("W"));
    assertThat(SQUARES.match(sample, 0.99 * distanceM))
        .extracting(AreaProbability::area)
        .doesNotContain(area("W"));
    assertThat(SQUARES.match(sample, 1.01 * distanceM))
        .contains(new AreaProbability(area("W"), 0.5));
  }

  @Test
  void allTheWeightInsideOneAreaMakesItCertainAndNoOtherArea() {
    List<AreaProbability> matched = SQUARES.match(samples(IN_W, 500, 1.0 / 500), 5_000);

    assertThat(matched).hasSize(1);
    assertThat(matched.get(0).area()).isEqualTo(area("W"));
    assertThat(matched.get(0).probability()).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void samplesSplitBetweenTwoAreasGiveEachItsShareMostProbableFirst() {
    List<ImpactSample> samples = new ArrayList<>(samples(IN_W, 30, 0.01));
    samples.addAll(samples(IN_E, 70, 0.01));

    List<AreaProbability> matched = SQUARES.match(samples, 5_000);

    assertThat(matched).extracting(p -> p.area().id()).containsExactly("E", "W");
    assertThat(matched.get(0).probability()).isCloseTo(0.7, within(1e-12));
    assertThat(matched.get(1).probability()).isCloseTo(0.3, within(1e-12));
  }

  @Test
  void aNeighbourCountsOnlyWhenTheSampleIsWithinTheRadiusOfItsBoundary() {
    List<ImpactSample> twoKmIntoE = List.of(new ImpactSample(eastOfBorderInE(2_000), 0.4));

    assertThat(SQUARES.match(twoKmIntoE, 1_900))
        .containsExactly(new AreaProbability(area("E"), 0.4));
    assertThat(SQUARES.match(twoKmIntoE, 2_100))
        .containsExactly(new AreaProbability(area("E"), 0.4), new AreaProbability(area("W"), 0.4));
  }

  @Test
  void aSampleOnASharedBorderCountsForBothAreasEvenWithoutABuffer() {
    List<ImpactSample> onBorder = List.of(new ImpactSample(GeoPoint.of(50.25, 30.5), 0.2));

    assertThat(SQUARES.match(onBorder, 0))
        .containsExactly(new AreaProbability(area("E"), 0.2), new AreaProbability(area("W"), 0.2));
  }

  @Test
  void aSampleInAHoleCountsOnlyWhenTheHolesRimIsWithinTheRadius() {
    List<ImpactSample> inHole = List.of(new ImpactSample(IN_HOLE, 0.3));

    assertThat(SQUARES.match(inHole, 5_000)).isEmpty();
    assertThat(SQUARES.match(inHole, 8_000)).containsExactly(new AreaProbability(area("H"), 0.3));
  }

  @Test
  void samplesInNoAreaOrWithNoWeightMatchNothing() {
    assertThat(SQUARES.match(List.of(new ImpactSample(GeoPoint.of(45, 30), 1)), 5_000)).isEmpty();
    assertThat(SQUARES.match(List.of(new ImpactSample(IN_W, 0)), 5_000)).isEmpty();
    assertThat(SQUARES.match(List.of(), 5_000)).isEmpty();
  }

  @Test
  void equalProbabilitiesAreOrderedById() {
    List<ImpactSample> samples =
        List.of(
            new ImpactSample(GeoPoint.of(50.25, 32.25), 0.25),
            new ImpactSample(IN_E, 0.25),
            new ImpactSample(IN_W, 0.25));

    assertThat(SQUARES.match(samples, 0))
        .extracting(p -> p.area().id())
        .containsExactly("E", "F", "W");
  }

  @Test
  void weightsOverOneAndRadiiOutOfRangeAreRefused() {
    assertThatThrownBy(() -> SQUARES.match(samples(IN_W, 3, 0.5), 5_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sample weights must sum to at most 1, were 1.5");
    assertThatThrownBy(() -> SQUARES.match(List.of(), -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("radius must be within [0, 1000000] m, was -1.0 m");
    assertThatThrownBy(() -> SQUARES.near(IN_W, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("distance must be within [0, 1000000] m, was NaN m");
    assertThatThrownBy(() -> new ImpactSample(IN_W, 1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sample weight must be within [0, 1], was 1.5");
  }

  @Test
  void areasEitherSideOfTheAntimeridianAreNeighbours() {
    AreaSet fiji =
        set(
            collection(
                feature("WEST", box(179.5, -17.5, 180, -17)),
                feature("EAST", box(-180, -17.5, -179.5, -17))));
    GeoPoint justEast = GeoPoint.of(-17.25, -179.95);
    double toTheLineM = WGS84.distanceM(justEast, GeoPoint.of(-17.25, 180));

    assertThat(fiji.near(justEast, 0.99 * toTheLineM)).extracting(Area::id).containsExactly("EAST");
    assertThat(fiji.near(justEast, 1.01 * toTheLineM))
        .extracting(Area::id)
        .containsExactly("EAST", "WEST");
  }
}
