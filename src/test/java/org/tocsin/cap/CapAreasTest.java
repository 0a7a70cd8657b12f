package org.tocsin.cap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tocsin.cap.CapFixtures.ARRIVAL;
import static org.tocsin.cap.CapFixtures.HROMADAS;
import static org.tocsin.cap.CapFixtures.T0;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.tocsin.alert.AlertEvent;
import org.tocsin.alert.AlertLevel;
import org.tocsin.alert.AreaWarning;
import org.tocsin.alert.MessageType;
import org.tocsin.area.Area;
import org.tocsin.cap.CapAlert.Status;
import org.tocsin.geo.GeoPoint;

class CapAreasTest {

  /**
   * Coordinates are written to 1e-5° (about a metre), so a polygon covers an area to within that
   * rounding: the check allows twice it.
   */
  private static final double ROUNDING_SLACK_DEG = 2e-5;

  private static final GeometryFactory GEOMETRY = new GeometryFactory();

  /** Every hromada of Dnipropetrovsk oblast, under shelter: 86 outlines of up to 100s of points. */
  private static final List<Area> OBLAST_HROMADAS =
      HROMADAS.areas().stream()
          .filter(a -> "UA12".equals(a.oblastPcode()))
          .sorted(Comparator.comparing(Area::id))
          .toList();

  private static CapAlert shelterOnEveryHromada() {
    return shelterOn(OBLAST_HROMADAS);
  }

  private static CapAlert shelterOn(List<Area> hromadas) {
    AlertEvent event =
        new AlertEvent(
            "T9-1",
            T0,
            "T9",
            MessageType.ALERT,
            hromadas.stream()
                .map(a -> new AreaWarning(a.id(), AlertLevel.SHELTER, 0.5, ARRIVAL))
                .toList(),
            "a wide footprint",
            Optional.empty());
    return new CapMessages(HROMADAS, CapFixtures.ISSUER, Status.ACTUAL)
        .message(event, Optional.empty());
  }

  private static Geometry geometry(List<CapPolygon> polygons) {
    Polygon[] parts =
        polygons.stream()
            .map(
                p ->
                    GEOMETRY.createPolygon(
                        p.points().stream()
                            .map(g -> new Coordinate(g.longitudeDeg(), g.latitudeDeg()))
                            .toArray(Coordinate[]::new)))
            .toArray(Polygon[]::new);
    return GEOMETRY.createMultiPolygon(parts);
  }

  @Test
  void eachGeocodeDenotesExactlyOneWarnedAreaAndNoPrefixPassesForACode() {
    CapArea oblast = CapFixtures.oblast(Status.ACTUAL).get(0).infos().get(0).areas().get(0);
    CapArea hromada = CapFixtures.dnipro(Status.ACTUAL).get(0).infos().get(0).areas().get(0);

    assertThat(oblast.geocodes())
        .containsExactly(
            new NamedValue("OCHA_PCODE", "UA63"), new NamedValue("ISO_3166_2", "UA-63"));
    assertThat(hromada.geocodes())
        .containsExactly(new NamedValue("OCHA_PCODE", CapFixtures.DNIPRO));
  }

  @Test
  void aLevelsAreasBecomeOneAreaWithEveryAreasGeocodeAndName() {
    List<Area> allButOne = OBLAST_HROMADAS.subList(1, OBLAST_HROMADAS.size());
    CapAlert message = shelterOn(allButOne);

    assertThat(message.infos()).hasSize(2);
    for (CapInfo info : message.infos()) {
      assertThat(info.areas()).hasSize(1);
      CapArea area = info.areas().get(0);
      assertThat(area.geocodes())
          .containsExactlyElementsOf(
              allButOne.stream().map(a -> new NamedValue("OCHA_PCODE", a.id())).toList());
      boolean uk = info.language().equals("uk-UA");
      for (Area hromada : allButOne) {
        assertThat(area.areaDesc()).contains(uk ? hromada.nameUk() : hromada.nameEn());
      }
    }
  }

  @Test
  void everyHromadaOfAnOblastIsNamedAndCodedAsTheOblast() {
    CapAlert message = shelterOnEveryHromada();

    assertThat(message.info("uk-UA").orElseThrow().areas().get(0).areaDesc())
        .isEqualTo("Дніпропетровська область");
    CapArea english = message.info("en-US").orElseThrow().areas().get(0);
    assertThat(english.areaDesc()).isEqualTo("Dnipropetrovsk Oblast");
    assertThat(english.geocodes())
        .containsExactly(
            new NamedValue("OCHA_PCODE", "UA12"), new NamedValue("ISO_3166_2", "UA-12"));
  }

  @Test
  void theMergedPolygonsCoverEveryWarnedAreaWithFewPointsAndLittleMore() {
    CapAlert message = shelterOnEveryHromada();

    List<CapPolygon> polygons = message.infos().get(0).areas().get(0).polygons();
    assertThat(polygons).hasSizeLessThanOrEqualTo(3);
    for (CapPolygon polygon : polygons) {
      List<GeoPoint> points = polygon.points();
      assertThat(points.size()).isBetween(4, CapMessages.MAX_POLYGON_POINTS);
      assertThat(points.get(0)).isEqualTo(points.get(points.size() - 1));
    }
    Geometry covering = geometry(polygons).buffer(ROUNDING_SLACK_DEG);
    for (Area hromada : OBLAST_HROMADAS) {
      assertThat(covering.covers(hromada.geometry())).as(hromada.id()).isTrue();
    }
    double warnedDeg2 =
        GEOMETRY
            .buildGeometry(OBLAST_HROMADAS.stream().map(Area::geometry).toList())
            .union()
            .getArea();
    assertThat(geometry(polygons).getArea() / warnedDeg2).isLessThan(1.15);
  }

  @Test
  void aMessageForAWholeOblastOfHromadasIsSmall() {
    byte[] xml = CapWriter.toXml(shelterOnEveryHromada()).getBytes(StandardCharsets.UTF_8);

    assertThat(xml.length).isLessThan(100 * 1024);
    assertThat(CapReader.read(xml).infos()).hasSize(2);
  }
}
