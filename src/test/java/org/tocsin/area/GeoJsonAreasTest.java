package org.tocsin.area;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.tocsin.area.TestAreas.box;
import static org.tocsin.area.TestAreas.collection;
import static org.tocsin.area.TestAreas.feature;
import static org.tocsin.area.TestAreas.featureWithProperties;
import static org.tocsin.area.TestAreas.multiPolygon;
import static org.tocsin.area.TestAreas.polygon;
import static org.tocsin.area.TestAreas.rectangle;
import static org.tocsin.area.TestAreas.rings;
import static org.tocsin.area.TestAreas.set;
import static org.tocsin.area.TestAreas.stream;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tocsin.geo.GeoPoint;

class GeoJsonAreasTest {

  private static final String CELL = box(30, 50, 30.1, 50.1);

  @Test
  void idsComeFromTheFeatureIdMemberOrTheNamedProperty() {
    String json =
        collection(
            "{\"type\":\"Feature\",\"id\":7,\"properties\":{\"code\":\"A-1\"},\"geometry\":"
                + CELL
                + "}");

    assertThat(set(json).areas()).extracting(Area::id).containsExactly("7");
    assertThat(AreaSets.fromGeoJson("codes", stream(json), "code").areas())
        .extracting(Area::id)
        .containsExactly("A-1");
  }

  @Test
  void namesFallBackFromOneLanguageToTheOtherAndThenToTheId() {
    AreaSet areas =
        AreaSets.fromGeoJson(
            "names",
            stream(
                collection(
                    featureWithProperties(
                        "{\"id\":\"BOTH\",\"name_uk\":\"Обидва\",\"name_en\":\"Both\"}", CELL),
                    featureWithProperties(
                        "{\"id\":\"ONE\",\"name\":\"Одна\"}", box(31, 50, 31.1, 50.1)),
                    featureWithProperties(
                        "{\"id\":\"UK\",\"name_uk\":\"Українська\"}", box(32, 50, 32.1, 50.1)),
                    featureWithProperties("{\"id\":\"NONE\"}", box(33, 50, 33.1, 50.1)))),
            "id");

    assertThat(areas.areas())
        .extracting(Area::id, Area::nameUk, Area::nameEn)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("BOTH", "Обидва", "Both"),
            org.assertj.core.groups.Tuple.tuple("ONE", "Одна", "Одна"),
            org.assertj.core.groups.Tuple.tuple("UK", "Українська", "Українська"),
            org.assertj.core.groups.Tuple.tuple("NONE", "NONE", "NONE"));
  }

  @Test
  void theOblastIsReadFromAdm1PcodeWhenTheSourceGivesIt() {
    AreaSet areas =
        AreaSets.fromGeoJson(
            "oblasts",
            stream(
                collection(
                    featureWithProperties("{\"id\":\"A\",\"ADM1_PCODE\":\"UA12\"}", CELL),
                    featureWithProperties("{\"id\":\"B\"}", box(31, 50, 31.1, 50.1)))),
            "id");

    assertThat(areas.byId("A").orElseThrow().oblastPcode()).isEqualTo("UA12");
    assertThat(areas.byId("B").orElseThrow().oblastPcode()).isNull();
  }

  @Test
  void aMultiPolygonIsOneAreaWhosePartsAreSummed() {
    AreaSet areas =
        set(
            collection(
                feature(
                    "TWO",
                    multiPolygon(
                        rings(rectangle(30, 50, 30.1, 50.1)),
                        rings(rectangle(31, 50, 31.1, 50.1)))),
                feature("ONE", CELL)));

    Area two = areas.byId("TWO").orElseThrow();
    assertThat(two.areaKm2())
        .isCloseTo(2 * areas.byId("ONE").orElseThrow().areaKm2(), within(0.001));
    assertThat(areas.containing(GeoPoint.of(50.05, 31.05))).contains(two);
  }

  static Stream<Arguments> badCollections() {
    List<String> twelveGood = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      twelveGood.add(feature("UA12020" + (10 + i), box(30 + i, 50, 30.5 + i, 50.5)));
    }
    twelveGood.add(feature("UA1202001", polygon(new double[] {35, 48, 35.1, 48, 35, 48})));
    return Stream.of(
        Arguments.of(
            "a ring of three positions",
            collection(twelveGood.toArray(String[]::new)),
            "feature 12 (UA1202001): ring 0 has 3 positions, needs at least 4"),
        Arguments.of("not JSON", "{\"type\":", "not valid JSON:"),
        Arguments.of(
            "a lone Feature",
            feature("A", CELL),
            "not a GeoJSON FeatureCollection: type is 'Feature'"),
        Arguments.of("an array", "[]", "not a GeoJSON FeatureCollection: not a JSON object"),
        Arguments.of(
            "no features",
            "{\"type\":\"FeatureCollection\"}",
            "FeatureCollection has no 'features' array"),
        Arguments.of("empty", collection(), "FeatureCollection has no features"),
        Arguments.of(
            "a feature that is not a Feature",
            collection(feature("A", CELL), CELL),
            "feature 1: is not a GeoJSON Feature"),
        Arguments.of(
            "no geometry",
            collection(feature("A", CELL), feature("B", "null")),
            "feature 1 (B): has no geometry"),
        Arguments.of(
            "a point",
            collection(feature("A", "{\"type\":\"Point\",\"coordinates\":[30,50]}")),
            "feature 0 (A): geometry is a Point, needs Polygon or MultiPolygon"),
        Arguments.of(
            "no id",
            collection(feature("A", CELL), featureWithProperties("{}", CELL)),
            "feature 1: has no id (no 'id' member)"),
        Arguments.of(
            "a duplicate id",
            collection(feature("A", CELL), feature("B", CELL), feature("A", CELL)),
            "feature 2 (A): duplicate id, already used by feature 0"),
        Arguments.of(
            "a longitude out of range",
            collection(feature("A", box(179, 50, 181, 51))),
            "feature 0 (A): ring 0 position 1 has longitude 181.0, must be within [-180, 180]"),
        Arguments.of(
            "a latitude out of range",
            collection(feature("A", box(30, 89, 31, 90.5))),
            "feature 0 (A): ring 0 position 2 has latitude 90.5, must be within [-90, 90]"),
        Arguments.of(
            "a position that is not a pair",
            collection(
                feature(
                    "A",
                    "{\"type\":\"Polygon\",\"coordinates\":[[[30,50],[31],[31,51],[30,50]]]}")),
            "feature 0 (A): ring 0 position 1 is not a [longitude, latitude] pair"),
        Arguments.of(
            "an open ring",
            collection(feature("A", polygon(new double[] {30, 50, 31, 50, 31, 51, 30, 51}))),
            "feature 0 (A): ring 0 is not closed: its last position differs from its first"),
        Arguments.of(
            "a short hole",
            collection(
                feature(
                    "A",
                    polygon(
                        rectangle(30, 50, 31, 51),
                        new double[] {30.2, 50.2, 30.3, 50.2, 30.2, 50.2}))),
            "feature 0 (A): ring 1 has 3 positions, needs at least 4"),
        Arguments.of(
            "a short ring in the second part of a MultiPolygon",
            collection(
                feature(
                    "A",
                    multiPolygon(
                        rings(rectangle(30, 50, 31, 51)),
                        rings(new double[] {32, 50, 33, 50, 32, 50})))),
            "feature 0 (A): polygon 1 ring 0 has 3 positions, needs at least 4"),
        Arguments.of(
            "a polygon that collapses to a line",
            collection(feature("FLAT", polygon(new double[] {30, 50, 31, 50, 32, 50, 30, 50}))),
            "feature 0 (FLAT): invalid polygon (Self-intersection at 50.000000,31.000000 lat,lon)"
                + " and repairing it leaves no area"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badCollections")
  void badGeoJsonIsRefusedNamingTheFeatureAndTheFault(
      String description, String json, String expectedMessage) {
    assertThatThrownBy(() -> set(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(expectedMessage);
  }

  @Test
  void theIdPropertyIsNamedWhenAFeatureLacksIt() {
    String json = collection(featureWithProperties("{\"ADM3_EN\":\"Nameless\"}", CELL));

    assertThatThrownBy(() -> AreaSets.fromGeoJson("x", stream(json), "ADM3_PCODE"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("feature 0: has no id (no property 'ADM3_PCODE')");
  }

  @Test
  void aBowTieIsRepairedIntoItsTwoLobesAndReported() {
    // (30,50) → (31,51) → (31,50) → (30,51): the edges cross at 30.5°E 50.5°N.
    AreaSet areas =
        set(
            collection(
                feature("GOOD", box(40, 50, 41, 51)),
                feature("BOW", polygon(new double[] {30, 50, 31, 51, 31, 50, 30, 51, 30, 50}))));

    Area bow = areas.byId("BOW").orElseThrow();
    assertThat(areas.repairs())
        .singleElement()
        .asString()
        .startsWith(
            "feature 1 (BOW): invalid polygon (Self-intersection at 50.500000,30.500000 lat,lon)"
                + " repaired with GeometryFixer, ")
        .endsWith(" km² after repair");
    assertThat(bow.geometry().getGeometryType()).isEqualTo("MultiPolygon");
    assertThat(bow.geometry().isValid()).isTrue();
    assertThat(bow.areaKm2())
        .isCloseTo(areas.byId("GOOD").orElseThrow().areaKm2() / 2, within(0.01 * bow.areaKm2()));
    // The west and east lobes are inside; the south and north triangles never were.
    assertThat(areas.containing(GeoPoint.of(50.5, 30.2))).contains(bow);
    assertThat(areas.containing(GeoPoint.of(50.5, 30.8))).contains(bow);
    assertThat(areas.containing(GeoPoint.of(50.2, 30.5))).isEmpty();
    assertThat(areas.containing(GeoPoint.of(50.8, 30.5))).isEmpty();
  }

  @Test
  void aValidSetHasNoRepairs() {
    assertThat(set(collection(feature("A", CELL))).repairs()).isEmpty();
  }

  @Test
  void loadReadsAGeoJsonFileWhoseIdIsItsPath(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("shelters.geojson");
    Files.writeString(
        file,
        collection(featureWithProperties("{\"code\":\"S1\",\"name\":\"Сховище\"}", CELL)),
        StandardCharsets.UTF_8);

    AreaSet byFeatureId = AreaSets.load(file.toString(), "code");

    assertThat(byFeatureId.id()).isEqualTo(file.toString());
    assertThat(byFeatureId.areas()).extracting(Area::id).containsExactly("S1");
    assertThatThrownBy(() -> AreaSets.load(file.toString()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(file + ": feature 0: has no id (no 'id' member)");
  }

  @Test
  void loadRefusesWhatIsNeitherABundledSetNorAFile(@TempDir Path dir) {
    String missing = dir.resolve("missing.geojson").toString();

    assertThatThrownBy(() -> AreaSets.load(missing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "'"
                + missing
                + "' is neither a bundled area set (ua-oblasts, ua-raions, ua-hromadas) nor a"
                + " GeoJSON file");
  }

  @Test
  void loadByIdGivesTheSharedBundledSet() {
    assertThat(AreaSets.load("ua-oblasts")).isSameAs(AreaSets.bundled("ua-oblasts"));
  }
}
