package org.tocsin.area;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;

class GeoJsonRegionTest {

  private static final String BOX_A = "[[[27,51],[28,51],[28,52],[27,52],[27,51]]]";
  private static final String BOX_B = "[[[28,51],[29,51],[29,52],[28,52],[28,51]]]";

  @Test
  void aCollectionIsTheUnionOfItsPolygons() {
    Geometry region =
        read(
            "{\"type\":\"FeatureCollection\",\"features\":["
                + feature(BOX_A)
                + ","
                + feature(BOX_B)
                + "]}");
    assertThat(region.getArea()).isEqualTo(2.0);
    assertThat(region.getNumGeometries()).isEqualTo(1);
  }

  @Test
  void aBareGeometryAndAFeatureAreRead() {
    assertThat(read("{\"type\":\"Polygon\",\"coordinates\":" + BOX_A + "}").getArea())
        .isEqualTo(1.0);
    assertThat(read(feature(BOX_B)).getArea()).isEqualTo(1.0);
  }

  @Test
  void whatIsNotARegionIsRefusedSayingWhy() {
    assertThatThrownBy(() -> read("not json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("is not JSON: ");
    assertThatThrownBy(() -> read("{\"type\":\"FeatureCollection\",\"features\":[]}"))
        .hasMessage("FeatureCollection has no features");
    assertThatThrownBy(
            () ->
                read(
                    "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                        + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[27,51]}}]}"))
        .hasMessage("feature 0: geometry is a Point, needs Polygon or MultiPolygon");
  }

  private static String feature(String coordinates) {
    return "{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Polygon\","
        + "\"coordinates\":"
        + coordinates
        + "}}";
  }

  private static Geometry read(String json) {
    return GeoJsonRegion.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }
}
