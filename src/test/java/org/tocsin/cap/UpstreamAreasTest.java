package org.tocsin.cap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tocsin.area.Area;
import org.tocsin.area.AreaSet;
import org.tocsin.area.AreaSets;
import org.tocsin.geo.GeoPoint;

/** An upstream message's areas mapped to the server's set: geocodes first, then shapes. */
class UpstreamAreasTest {

  private static final AreaSet RAIONS = AreaSets.bundled("ua-raions");
  private static final UpstreamAreas MAPPER = new UpstreamAreas(RAIONS);

  private static CapAlert withAreas(String areas) {
    String xml =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
          <identifier>t-1</identifier>
          <sender>authority.example</sender>
          <sent>2026-03-02T03:00:00+02:00</sent>
          <status>Exercise</status>
          <msgType>Alert</msgType>
          <scope>Public</scope>
          <info>
            <category>Safety</category>
            <event>Missile threat</event>
            <urgency>Immediate</urgency>
            <severity>Extreme</severity>
            <certainty>Observed</certainty>
            %s
          </info>
        </alert>
        """
            .formatted(areas);
    return CapReader.read(xml.getBytes(StandardCharsets.UTF_8));
  }

  private static String geocode(String name, String value) {
    return "<area><areaDesc>"
        + value
        + "</areaDesc><geocode><valueName>"
        + name
        + "</valueName><value>"
        + value
        + "</value></geocode></area>";
  }

  private static List<String> raionsWithin(String prefix) {
    return RAIONS.areas().stream().map(Area::id).filter(id -> id.startsWith(prefix)).toList();
  }

  private static String raionAt(double latitudeDeg, double longitudeDeg) {
    return RAIONS.containing(GeoPoint.of(latitudeDeg, longitudeDeg)).orElseThrow().id();
  }

  @Test
  void anOblastPcodeMapsToEveryRaionWithinIt() {
    UpstreamAreas.Mapping mapping = MAPPER.map(withAreas(geocode("OCHA_PCODE", "UA12")));

    assertThat(mapping.areaIds()).hasSizeGreaterThan(3).isEqualTo(raionsWithin("UA12"));
    assertThat(mapping.unmapped()).isEmpty();
  }

  @Test
  void aHromadaPcodeMapsToTheRaionThatHoldsIt() {
    String raion = raionsWithin("UA12").get(1);

    UpstreamAreas.Mapping mapping = MAPPER.map(withAreas(geocode("PCODE", raion + "001")));

    assertThat(mapping.areaIds()).containsExactly(raion);
  }

  @Test
  void aKatottgCodeIsReadByItsLevels() {
    assertThat(UpstreamAreas.katottgToPcode("UA12020010000022986")).isEqualTo("UA1202001");
    assertThat(UpstreamAreas.katottgToPcode("UA12020000000069351")).isEqualTo("UA1202");
    assertThat(UpstreamAreas.katottgToPcode("UA12000000000090487")).isEqualTo("UA12");
    String raion = raionsWithin("UA12").get(1);

    UpstreamAreas.Mapping mapping =
        MAPPER.map(withAreas(geocode("KATOTTG", raion + "0010000022986")));

    assertThat(mapping.areaIds()).containsExactly(raion);
  }

  @Test
  void anIso3166CodeMapsToItsOblastsRaions() {
    // UA-30 is Kyiv city, whose P-code is UA80: the codes differ, the table joins them.
    UpstreamAreas.Mapping mapping = MAPPER.map(withAreas(geocode("ISO_3166_2", "UA-30")));

    assertThat(mapping.areaIds()).isEqualTo(raionsWithin("UA80")).isNotEmpty();
  }

  @Test
  void geocodesComeBeforeShapes() {
    // A polygon around Lviv, and the code of Kyiv city: the code says what was meant.
    String area =
        "<area><areaDesc>Kyiv</areaDesc>"
            + "<polygon>49.8,23.9 49.8,24.1 49.9,24.1 49.9,23.9 49.8,23.9</polygon>"
            + "<geocode><valueName>OCHA_PCODE</valueName><value>UA80</value></geocode></area>";

    assertThat(MAPPER.map(withAreas(area)).areaIds()).isEqualTo(raionsWithin("UA80"));
  }

  @Test
  void withoutAKnownGeocodeTheShapesMapToTheAreasTheyTouch() {
    String area =
        "<area><areaDesc>Lviv and Odesa</areaDesc>"
            + "<polygon>49.83,24.00 49.83,24.04 49.85,24.04 49.85,24.00 49.83,24.00</polygon>"
            + "<circle>46.48,30.72 1</circle>"
            + "<geocode><valueName>SAME</valueName><value>012345</value></geocode></area>";

    UpstreamAreas.Mapping mapping = MAPPER.map(withAreas(area));

    assertThat(mapping.areaIds())
        .containsExactlyInAnyOrder(raionAt(49.84, 24.02), raionAt(46.48, 30.72));
    assertThat(mapping.unmapped()).isEmpty();
  }

  @Test
  void anAreaNothingMapsIsReportedWithWhy() throws IOException {
    // The OASIS-valid sample of an earthquake near Tonga: a circle far from every raion.
    CapAlert earthquake = CapReader.read(sample("earthquake.cap"));

    UpstreamAreas.Mapping mapping = MAPPER.map(earthquake);

    assertThat(mapping.areaIds()).isEmpty();
    assertThat(mapping.unmapped())
        .singleElement()
        .satisfies(
            why ->
                assertThat(why)
                    .contains("no geocode this server reads")
                    .contains("its polygons and circles touch no area of the set ua-raions"));
  }

  @Test
  void aKnownCodeOfNoAreaIsReportedByName() {
    UpstreamAreas.Mapping mapping =
        MAPPER.map(withAreas(geocode("OCHA_PCODE", "UA12") + geocode("OCHA_PCODE", "UA99")));

    assertThat(mapping.areaIds()).isEqualTo(raionsWithin("UA12"));
    assertThat(mapping.unmapped())
        .containsExactly(
            "UA99: no area of the set ua-raions has geocode OCHA_PCODE=UA99; no polygon or circle");
  }

  private static byte[] sample(String name) throws IOException {
    try (InputStream in = UpstreamAreasTest.class.getResourceAsStream("/cap/samples/" + name)) {
      return in.readAllBytes();
    }
  }
}
