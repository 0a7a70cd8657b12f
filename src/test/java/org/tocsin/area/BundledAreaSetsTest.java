package org.tocsin.area;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tocsin.geo.GeoPoint;

class BundledAreaSetsTest {

  /** Ukraine's area within its internationally recognised borders, km². */
  private static final double UKRAINE_KM2 = 603_500;

  @Test
  void theThreeBundledSetsComeCoarsestFirstWithTheirOchaCounts() {
    assertThat(AreaSets.bundledIds()).containsExactly("ua-oblasts", "ua-raions", "ua-hromadas");
    assertThat(AreaSets.bundled("ua-oblasts").size()).isEqualTo(27);
    assertThat(AreaSets.bundled("ua-raions").size()).isEqualTo(139);
    assertThat(AreaSets.bundled("ua-hromadas").size()).isEqualTo(1_769);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ua-oblasts", "ua-raions", "ua-hromadas"})
  void eachBundledSetCoversUkraineWithinTwoPercent(String id) {
    AreaSet set = AreaSets.bundled(id);

    // The copies are simplified, so a little is lost along the coast and the borders.
    assertThat(set.totalAreaKm2()).isCloseTo(UKRAINE_KM2, within(0.02 * UKRAINE_KM2));
    assertThat(set.totalAreaKm2())
        .as("the levels tile the same country")
        .isCloseTo(AreaSets.bundled("ua-hromadas").totalAreaKm2(), within(0.005 * UKRAINE_KM2));
  }

  @ParameterizedTest(name = "{0} at {1}")
  @CsvSource({
    "Dnipro,  '48.45,35.05', UA12, UA1202, UA1202001, Дніпровська, Dniprovska",
    "Kyiv,    '50.45,30.52', UA80, UA8000, UA8000000, Київ, Kyiv",
    "Kharkiv, '49.99,36.23', UA63, UA6312, UA6312027, Харківська, Kharkivska",
  })
  void knownPlacesLieInTheirPcodesAtEveryLevel(
      String place,
      String point,
      String oblast,
      String raion,
      String hromada,
      String nameUk,
      String nameEn) {
    GeoPoint at = GeoPoint.parse(point);

    assertThat(AreaSets.bundled("ua-oblasts").containing(at)).map(Area::id).contains(oblast);
    assertThat(AreaSets.bundled("ua-raions").containing(at)).map(Area::id).contains(raion);
    Area found = AreaSets.bundled("ua-hromadas").containing(at).orElseThrow();
    assertThat(found.id()).isEqualTo(hromada);
    assertThat(found.nameUk()).isEqualTo(nameUk);
    assertThat(found.nameEn()).isEqualTo(nameEn);
    assertThat(found.oblastPcode()).isEqualTo(oblast);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ua-oblasts", "ua-raions", "ua-hromadas"})
  void aPointInTheBlackSeaIsInNoArea(String id) {
    assertThat(AreaSets.bundled(id).containing(GeoPoint.of(43.5, 33))).isEmpty();
    assertThat(AreaSets.bundled(id).near(GeoPoint.of(43.5, 33), 20_000)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ua-oblasts", "ua-raions", "ua-hromadas"})
  void everyAreaNamesAnOblastOfTheSetByItsPcodePrefix(String id) {
    AreaSet oblasts = AreaSets.bundled("ua-oblasts");

    for (Area area : AreaSets.bundled(id).areas()) {
      assertThat(area.oblastPcode()).as(area.id()).isEqualTo(area.id().substring(0, 4));
      assertThat(oblasts.byId(area.oblastPcode())).as(area.id()).isPresent();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ua-oblasts", "ua-raions", "ua-hromadas"})
  void everyBundledAreaIsAValidPolygonAndEveryRepairNamesOne(String id) {
    AreaSet set = AreaSets.bundled(id);

    assertThat(set.areas()).allSatisfy(area -> assertThat(area.geometry().isValid()).isTrue());
    assertThat(set.repairs())
        .allSatisfy(
            note -> {
              assertThat(note)
                  .matches(
                      "feature \\d+ \\(UA\\d+\\): invalid polygon \\(.+\\) repaired with"
                          + " GeometryFixer, [0-9.]+ km² after repair");
              String areaId = note.substring(note.indexOf('(') + 1, note.indexOf(')'));
              assertThat(set.byId(areaId)).isPresent();
            });
  }

  @Test
  void aBundledSetIsLoadedOnceAndSharedAcrossThreads() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<AreaSet>> loads =
          IntStream.range(0, 8)
              .<Callable<AreaSet>>mapToObj(i -> () -> AreaSets.load("ua-raions"))
              .toList();
      List<Future<AreaSet>> loaded = pool.invokeAll(loads);
      for (Future<AreaSet> set : loaded) {
        assertThat(set.get()).isSameAs(AreaSets.bundled("ua-raions"));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anUnknownBundledIdIsRefusedWithTheKnownOnes() {
    assertThatThrownBy(() -> AreaSets.bundled("ua-villages"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "no bundled area set 'ua-villages'; bundled sets are ua-oblasts, ua-raions,"
                + " ua-hromadas");
  }

  @Test
  void byIdFindsAnAreaAndNothingForAnUnknownId() {
    AreaSet hromadas = AreaSets.bundled("ua-hromadas");

    assertThat(hromadas.byId("UA1202001")).map(Area::nameEn).contains("Dniprovska");
    assertThat(hromadas.byId("UA9999999")).isEmpty();
  }
}
