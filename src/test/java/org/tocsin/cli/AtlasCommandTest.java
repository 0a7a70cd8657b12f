package org.tocsin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtlasCommandTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** A box in southern Belarus, north of the Ukrainian border. */
  private static final String REGION =
      "{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
          + "[[[27.0,51.7],[28.6,51.7],[28.6,52.3],[27.0,52.3],[27.0,51.7]]]}}";

  private final InProcessCli cli = new InProcessCli();

  @TempDir Path dir;

  @Test
  void outWritesTheGeoJsonCsvAndMap() throws Exception {
    Path region = dir.resolve("region.geojson");
    Files.writeString(region, REGION);
    Path out = dir.resolve("atlas");

    int status =
        cli.run(
            "atlas",
            "--launch-region",
            region.toString(),
            "--region-points",
            "6",
            "--class",
            "srbm",
            "--areas",
            "ua-oblasts",
            "--out",
            out.toString());

    assertThat(status).as(cli.err()).isZero();
    assertThat(cli.out())
        .contains("class srbm", "6 launch points", "boost allowance 60 s", "detection latency 60 s")
        .contains("UA80 ", "Kyiv");
    JsonNode geoJson = MAPPER.readTree(out.resolve("atlas.geojson").toFile());
    assertThat(geoJson.get("type").asText()).isEqualTo("FeatureCollection");
    assertThat(geoJson.get("atlas").get("launches")).hasSize(6);
    assertThat(geoJson.get("features")).hasSize(27);
    for (JsonNode feature : geoJson.get("features")) {
      JsonNode properties = feature.get("properties");
      assertThat(properties.has("flightTimeS")).isTrue();
      assertThat(properties.has("warningTimeS")).isTrue();
      assertThat(feature.get("geometry").get("type").asText()).isIn("Polygon", "MultiPolygon");
      if (properties.get("band").asText().equals("within")) {
        assertThat(properties.get("warningTimeS").asDouble())
            .isEqualTo(properties.get("flightTimeS").asDouble() - 61, within());
      } else {
        assertThat(properties.get("band").asText())
            .isIn("short-of-minimum", "beyond", "beyond-model-reach");
      }
    }
    List<String> csv = Files.readAllLines(out.resolve("atlas.csv"));
    assertThat(csv).hasSize(28);
    assertThat(csv.get(0)).startsWith("id,nameEn,nameUk,band,rangeKm,flightTimeS,warningTimeS");
    BufferedImage png = ImageIO.read(out.resolve("atlas.png").toFile());
    assertThat(png).isNotNull();
    assertThat(png.getWidth()).isGreaterThan(1000);
    assertThat(png.getHeight()).isGreaterThan(500);
  }

  @Test
  void jsonPrintsOneObjectWithEveryArea() throws Exception {
    int status =
        cli.run(
            "atlas",
            "--from",
            "51.9,27.9",
            "--from",
            "51.7,36.2",
            "--class",
            "irbm",
            "--areas",
            "ua-oblasts",
            "--boost-s",
            "100",
            "--detection-latency",
            "30",
            "--json");

    assertThat(status).as(cli.err()).isZero();
    assertThat(cli.out().trim().lines()).hasSize(1);
    JsonNode json = MAPPER.readTree(cli.out());
    assertThat(json.get("class").asText()).isEqualTo("irbm");
    assertThat(json.get("boostS").asDouble()).isEqualTo(100);
    assertThat(json.get("detectionLatencyS").asDouble()).isEqualTo(30);
    assertThat(json.get("decisionLatencyS").asDouble()).isEqualTo(1);
    assertThat(json.get("launches")).hasSize(2);
    assertThat(json.get("areas")).hasSize(27);
    JsonNode first = json.get("areas").get(0);
    assertThat(first.get("warningTimeS").asDouble())
        .isEqualTo(first.get("flightTimeS").asDouble() - 31, within());
  }

  @Test
  void badOptionsAreRefusedWithExitTwoNamingEachOptionAndRule() throws Exception {
    Path missing = dir.resolve("missing.geojson");
    assertRefused(
        new String[] {
          "atlas",
          "--from",
          "91,30",
          "--class",
          "xrbm",
          "--boost-s",
          "-5",
          "--detection-latency",
          "soon",
          "--areas",
          "no-such-set"
        },
        "error: --from: latitude must be within [-90, 90] degrees, was 91.0",
        "error: --class: class must be one of srbm, mrbm, irbm, icbm, was 'xrbm'",
        "error: --areas: ");
    assertRefused(
        new String[] {"atlas", "--from", "51.9,27.9", "--class", "srbm", "--boost-s", "-5"},
        "error: --boost-s: boost must be within [0, 900] s, was -5.0 s");
    assertRefused(
        new String[] {
          "atlas", "--from", "51.9,27.9", "--class", "srbm", "--detection-latency", "soon"
        },
        "error: --detection-latency: must be a number of seconds, was 'soon'");
    assertRefused(
        new String[] {"atlas", "--launch-region", missing.toString(), "--class", "srbm"},
        "error: --launch-region: no such file: " + missing);
    Path notJson = Files.writeString(dir.resolve("bad.geojson"), "{\"type\":\"Point\"}");
    assertRefused(
        new String[] {
          "atlas", "--launch-region", notJson.toString(), "--class", "srbm", "--region-points", "0"
        },
        "error: --region-points: must be within [1, 500], was 0",
        "error: --launch-region: geometry is a Point, needs Polygon or MultiPolygon");
    assertRefused(
        new String[] {
          "atlas", "--from", "51.9,27.9", "--launch-region", notJson.toString(), "--class", "srbm"
        },
        "mutually exclusive");
    assertRefused(
        new String[] {"atlas", "--from", "51.9,27.9"}, "Missing required option: '--class");
    Path file = Files.writeString(dir.resolve("file"), "x");
    assertRefused(
        new String[] {"atlas", "--from", "51.9,27.9", "--class", "srbm", "--out", file.toString()},
        "error: --out: must be a directory, was a file: " + file);
  }

  private void assertRefused(String[] args, String... messages) {
    cli.clear();
    int status = cli.run(args);
    assertThat(status).as(String.join(" ", args)).isEqualTo(2);
    assertThat(cli.out()).isEmpty();
    assertThat(cli.err()).contains(messages);
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(0.11);
  }
}
