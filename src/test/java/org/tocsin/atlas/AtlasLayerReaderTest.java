package org.tocsin.atlas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tocsin.area.AreaSets;
import org.tocsin.flight.ThreatClass;
import org.tocsin.geo.GeoPoint;

/**
 * An atlas that {@code tocsin atlas --out} wrote reads back for a server unchanged, and a file that
 * is not such an atlas is refused with the field and the rule it breaks.
 */
class AtlasLayerReaderTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Short-range missiles from Kaliningrad over the oblasts: some within reach, some not. */
  static Atlas oblastAtlas;

  static String written;

  @BeforeAll
  static void compute() {
    oblastAtlas =
        new ShelterAtlas(AtlasSettings.of(ThreatClass.SRBM), Runnable::run)
            .compute(AreaSets.bundled("ua-oblasts"), List.of(GeoPoint.of(54.7, 20.5)), s -> {});
    written = AtlasFormats.geoJson(oblastAtlas);
  }

  @Test
  void anAtlasAsWrittenReadsBackWithEveryAreasFigures() {
    AtlasLayer layer = AtlasLayerReader.parse(bytes(written), "atlas.geojson");

    assertThat(layer.threatClassId()).isEqualTo("srbm");
    assertThat(layer.areaSetId()).isEqualTo("ua-oblasts");
    assertThat(layer.boostS()).isEqualTo(oblastAtlas.settings().boostS());
    assertThat(layer.decisionLatencyS()).isEqualTo(AtlasSettings.DECISION_LATENCY_S);
    assertThat(layer.launches()).hasSize(1);
    assertThat(layer.launches().get(0).latitudeDeg()).isEqualTo(54.7);
    Map<String, AtlasLayer.Entry> read =
        layer.areas().stream().collect(Collectors.toMap(AtlasLayer.Entry::id, e -> e));
    assertThat(read).hasSize(oblastAtlas.areas().size());
    int withTimes = 0;
    for (AreaTime time : oblastAtlas.areas()) {
      AtlasLayer.Entry entry = read.get(time.area().id());
      assertThat(entry.band()).as(time.area().id()).isEqualTo(time.band());
      assertThat(entry.nameEn()).isEqualTo(time.area().nameEn());
      assertThat(entry.flightTimeS().isPresent()).isEqualTo(time.flightTimeS().isPresent());
      if (time.flightTimeS().isPresent()) {
        withTimes++;
        assertThat(entry.flightTimeS().getAsDouble())
            .isCloseTo(time.flightTimeS().getAsDouble(), within(0.05));
        assertThat(entry.warningTimeS().getAsDouble())
            .isCloseTo(time.warningTimeS().getAsDouble(), within(0.05));
      }
      assertThat(entry.geometry().getArea())
          .isCloseTo(time.area().geometry().getArea(), within(1e-3));
    }
    assertThat(withTimes).as("some oblasts are within a short-range missile's reach").isPositive();
    assertThat(withTimes).as("and some are not").isLessThan(oblastAtlas.areas().size());
  }

  @Test
  void whatTheServerSendsReadsBackTheSame() {
    AtlasLayer layer = AtlasLayerReader.parse(bytes(written), "atlas.geojson");
    AtlasLayer again = AtlasLayerReader.parse(bytes(AtlasFormats.geoJson(layer)), "served");

    Function<AtlasLayer, Map<String, String>> figures =
        l ->
            l.areas().stream()
                .collect(
                    Collectors.toMap(
                        AtlasLayer.Entry::id,
                        e -> e.band() + " " + e.flightTimeS() + " " + e.warningTimeS()));
    assertThat(figures.apply(again)).isEqualTo(figures.apply(layer));
    assertThat(again.launches()).isEqualTo(layer.launches());
  }

  @Test
  void aFileTooLargeIsRefusedBeforeItIsRead(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("atlas.geojson");
    try (var channel =
        Files.newByteChannel(
            file,
            java.nio.file.StandardOpenOption.CREATE_NEW,
            java.nio.file.StandardOpenOption.WRITE)) {
      channel.position(AtlasLayerReader.MAX_FILE_BYTES);
      channel.write(java.nio.ByteBuffer.wrap(new byte[] {' '}));
    }
    assertThatThrownBy(() -> AtlasLayerReader.read(file))
        .isInstanceOf(InvalidAtlasException.class)
        .hasMessageContaining("must be at most " + AtlasLayerReader.MAX_FILE_BYTES + " bytes");
  }

  @Test
  void aFileThatIsNotThereIsNamed(@TempDir Path dir) {
    Path file = dir.resolve("missing.geojson");
    assertThatThrownBy(() -> AtlasLayerReader.read(file))
        .isInstanceOf(InvalidAtlasException.class)
        .hasMessageContaining(file.toString());
  }

  @Test
  void textThatIsNotJsonOrRepeatsAKeyIsRefused() {
    assertRefused("{\"type\": ", "must be JSON");
    assertRefused(
        "{\"type\":\"FeatureCollection\",\"type\":\"FeatureCollection\"}",
        "Duplicate field 'type'");
    assertRefused("[1, 2]", "the file must be a GeoJSON object");
  }

  @Test
  void eachBrokenRuleIsNamedWithItsField() {
    assertBroken(root -> root.put("type", "Feature"), "type must be \"FeatureCollection\"");
    assertBroken(root -> root.remove("atlas"), "atlas must be the object of settings");
    assertBroken(atlas(a -> a.put("class", "cruise")), "atlas.class must be a threat class");
    assertBroken(atlas(a -> a.put("boostS", -1)), "atlas.boostS must be within [0, 86400]");
    assertBroken(atlas(a -> a.put("areaSet", "../etc")), "atlas.areaSet must be letters");
    assertBroken(
        atlas(a -> ((ObjectNode) a.get("launches").get(0)).put("lat", 91)),
        "atlas.launches[0].lat must be within [-90, 90], was 91");
    assertBroken(atlas(a -> a.putArray("launches")), "atlas.launches must be a non-empty array");
    assertBroken(root -> root.putArray("features"), "features must be a non-empty array");
    assertBroken(feature(0, f -> f.put("type", "Polygon")), "features[0].type must be \"Feature\"");
    assertBroken(
        feature(0, f -> properties(f).remove("id")),
        "features[0].properties.id must be a non-empty string, was missing");
    assertBroken(
        feature(1, f -> properties(f).put("id", firstId())), "features[1].id must be unique");
    assertBroken(
        feature(0, f -> properties(f).put("band", "near")),
        "features[0].properties.band must be one of within");
    assertBroken(
        feature(0, f -> properties(f).put("nameEn", "Kyiv\u0007")),
        "features[0].properties.nameEn must not hold control characters");
    assertBroken(
        feature(0, f -> properties(f).put("id", "x".repeat(101))),
        "features[0].properties.id must be at most 100 characters");
    int within = firstIndex(true);
    assertBroken(
        feature(within, f -> properties(f).put("flightTimeS", -3)),
        "features[" + within + "].properties.flightTimeS must be within [0, 86400] s");
    assertBroken(
        feature(within, f -> properties(f).put("flightTimeS", "300")),
        "features[" + within + "].properties.flightTimeS must be a number of seconds");
    assertBroken(
        feature(within, f -> properties(f).put("warningTimeS", 86_000)),
        "features[" + within + "].properties.warningTimeS must be at most the flight time");
    int beyond = firstIndex(false);
    assertBroken(
        feature(beyond, f -> properties(f).put("flightTimeS", 400)),
        "features[" + beyond + "].properties.flightTimeS must be null for an area of band");
    assertBroken(
        feature(0, f -> f.putObject("geometry").put("type", "Point")),
        "features[0].geometry.type must be Polygon or MultiPolygon");
    assertBroken(
        feature(0, f -> f.remove("geometry")),
        "features[0].geometry must be a Polygon or MultiPolygon");
    assertBroken(
        feature(
            0,
            f ->
                f.set(
                    "geometry",
                    parse(
                        "{\"type\":\"Polygon\",\"coordinates\":[[[30,50],[200,50],[31,51],[30,50]]]}"))),
        "features[0].geometry must have longitudes within [-180, 180]");
    assertBroken(
        feature(
            0,
            f ->
                f.set(
                    "geometry", parse("{\"type\":\"Polygon\",\"coordinates\":[[[30,50],[31]]]}"))),
        "features[0].geometry must be a well-formed Polygon");
  }

  @Test
  void moreAreasThanTheBoundAreRefused() {
    ObjectNode root = tree();
    ArrayNode features = root.putArray("features");
    JsonNode one =
        parse(
            "{\"type\":\"Feature\",\"properties\":{\"id\":\"a\",\"band\":\"beyond\"},"
                + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                + "[[[30,50],[31,50],[31,51],[30,50]]]}}");
    for (int i = 0; i <= AtlasLayerReader.MAX_AREAS; i++) {
      features.add(one);
    }
    assertRefused(
        root.toString(), "features must hold at most " + AtlasLayerReader.MAX_AREAS + " areas");
  }

  private static void assertBroken(Consumer<ObjectNode> change, String message) {
    ObjectNode root = tree();
    change.accept(root);
    assertRefused(root.toString(), message);
  }

  private static void assertRefused(String json, String message) {
    assertThatThrownBy(() -> AtlasLayerReader.parse(bytes(json), "atlas.geojson"))
        .isInstanceOf(InvalidAtlasException.class)
        .hasMessageStartingWith("atlas file atlas.geojson")
        .hasMessageContaining(message);
  }

  private static Consumer<ObjectNode> atlas(Consumer<ObjectNode> change) {
    return root -> change.accept((ObjectNode) root.get("atlas"));
  }

  private static Consumer<ObjectNode> feature(int index, Consumer<ObjectNode> change) {
    return root -> change.accept((ObjectNode) root.get("features").get(index));
  }

  private static ObjectNode properties(ObjectNode feature) {
    return (ObjectNode) feature.get("properties");
  }

  private static String firstId() {
    return tree().get("features").get(0).get("properties").get("id").asText();
  }

  /** The first area within reach ({@code true}) or beyond it ({@code false}). */
  private static int firstIndex(boolean withTimes) {
    JsonNode features = tree().get("features");
    for (int i = 0; i < features.size(); i++) {
      if (features.get(i).get("properties").get("flightTimeS").isNull() != withTimes) {
        return i;
      }
    }
    throw new AssertionError(
        "the atlas has no area " + (withTimes ? "within" : "beyond") + " reach");
  }

  private static ObjectNode tree() {
    return (ObjectNode) parse(written);
  }

  private static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
