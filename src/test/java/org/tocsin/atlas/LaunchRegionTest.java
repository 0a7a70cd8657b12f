package org.tocsin.atlas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.tocsin.geo.GeoPoint;

class LaunchRegionTest {

  private static final GeometryFactory FACTORY = new GeometryFactory();

  /** A 2° × 1° box in southern Belarus. */
  private static final Geometry BOX =
      FACTORY.createPolygon(
          new Coordinate[] {
            new Coordinate(26, 51.6),
            new Coordinate(28, 51.6),
            new Coordinate(28, 52.6),
            new Coordinate(26, 52.6),
            new Coordinate(26, 51.6)
          });

  @Test
  void twoThirdsOfThePointsLieOnTheBoundaryAndTheRestInside() {
    List<GeoPoint> points = LaunchRegion.sample(BOX, 50);

    assertThat(points).hasSize(50).doesNotHaveDuplicates();
    long onBoundary =
        points.stream().filter(p -> BOX.getBoundary().distance(point(p)) < 1e-9).count();
    assertThat(onBoundary).isEqualTo(33);
    assertThat(points).allSatisfy(p -> assertThat(BOX.covers(point(p))).isTrue());
    // spread along all four sides, not bunched on one
    assertThat(points.stream().filter(p -> p.longitudeDeg() == 26)).hasSizeGreaterThan(3);
    assertThat(points.stream().filter(p -> p.longitudeDeg() == 28)).hasSizeGreaterThan(3);
  }

  @Test
  void countIsBounded() {
    assertThatThrownBy(() -> LaunchRegion.sample(BOX, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("launch points must number 1 to 500, were 0");
    assertThatThrownBy(() -> LaunchRegion.sample(BOX, 501))
        .hasMessage("launch points must number 1 to 500, were 501");
  }

  private static org.locationtech.jts.geom.Point point(GeoPoint p) {
    return FACTORY.createPoint(new Coordinate(p.longitudeDeg(), p.latitudeDeg()));
  }
}
