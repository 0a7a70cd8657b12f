package org.tocsin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AreasCommandTest {

  private final InProcessCli cli = new InProcessCli();

  @Test
  void listPrintsOneAlignedLinePerBundledSet() {
    int status = cli.run("areas", "list");

    assertThat(status).isZero();
    assertThat(cli.err()).isEmpty();
    List<String> lines = cli.out().lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).startsWith("ua-oblasts ").contains(" 27 areas ").endsWith(" km²");
    assertThat(lines.get(1)).startsWith("ua-raions ").contains(" 139 areas ");
    assertThat(lines.get(2)).startsWith("ua-hromadas ").contains(" 1,769 areas ").contains("599,");
    assertThat(lines)
        .extracting(line -> line.indexOf("areas"))
        .containsOnly(lines.get(0).indexOf("areas"));
    assertThat(lines).extracting(String::length).containsOnly(lines.get(0).length());
  }

  @Test
  void listJsonIsAnArrayOfIdCountAndTotalArea() throws Exception {
    int status = cli.run("areas", "list", "--json");

    assertThat(status).isZero();
    assertThat(cli.out().strip().lines()).hasSize(1);
    JsonNode sets = new ObjectMapper().readTree(cli.out());
    assertThat(sets).hasSize(3);
    assertThat(sets.get(0).get("id").asText()).isEqualTo("ua-oblasts");
    assertThat(sets.get(0).get("count").asInt()).isEqualTo(27);
    assertThat(sets.get(2).get("id").asText()).isEqualTo("ua-hromadas");
    assertThat(sets.get(2).get("count").asInt()).isEqualTo(1769);
    assertThat(sets.get(2).get("totalKm2").asDouble()).isCloseTo(603_500, within(12_070.0));
  }

  @Test
  void findPrintsTheHromadaThatHoldsAPoint() {
    int status = cli.run("areas", "find", "48.45,35.05");

    assertThat(status).isZero();
    assertThat(cli.err()).isEmpty();
    assertThat(cli.out().lines())
        .containsExactly(
            "UA1202001  Дніпровська / Dniprovska",
            "  set      ua-hromadas",
            "  area     418.0 km²",
            "  oblast   UA12  Дніпропетровська / Dnipropetrovska");
  }

  @Test
  void findUsesTheSetAskedFor() {
    assertThat(cli.run("areas", "find", "50.45,30.52", "--set", "ua-raions")).isZero();
    assertThat(cli.out()).startsWith("UA8000  Київ / Kyiv").contains("set      ua-raions");
  }

  @Test
  void findJsonGivesTheAreaAndItsOblast() throws Exception {
    int status = cli.run("areas", "find", "49.99,36.23", "--json");

    assertThat(status).isZero();
    JsonNode json = new ObjectMapper().readTree(cli.out());
    assertThat(json.get("set").asText()).isEqualTo("ua-hromadas");
    assertThat(json.get("point").get("lat").asDouble()).isEqualTo(49.99);
    JsonNode area = json.get("area");
    assertThat(area.get("id").asText()).isEqualTo("UA6312027");
    assertThat(area.get("nameUk").asText()).isEqualTo("Харківська");
    assertThat(area.get("nameEn").asText()).isEqualTo("Kharkivska");
    assertThat(area.get("areaKm2").asDouble()).isPositive();
    assertThat(area.get("oblast").asText()).isEqualTo("UA63");
    assertThat(area.get("oblastNameEn").asText()).isEqualTo("Kharkivska");
  }

  @Test
  void aPointInNoAreaExitsWithStatusThreeAndSaysSo() throws Exception {
    assertThat(cli.run("areas", "find", "43.5,33")).isEqualTo(AreasFindCommand.NOT_FOUND);
    assertThat(cli.out().strip()).isEqualTo("no area of ua-hromadas contains 43.5,33");
    assertThat(cli.err()).isEmpty();

    cli.clear();
    assertThat(cli.run("areas", "find", "--json", "--", "-33.9,18.4")).isEqualTo(3);
    assertThat(new ObjectMapper().readTree(cli.out()).get("area").isNull()).isTrue();
  }

  @Test
  void findReadsAGeoJsonFileGivenAsTheSet(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("zones.geojson");
    Files.writeString(
        file,
        "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
            + "\"properties\":{\"zone\":\"Z1\",\"name\":\"Zone one\"},\"geometry\":{\"type\":"
            + "\"Polygon\",\"coordinates\":[[[35,48],[36,48],[36,49],[35,49],[35,48]]]}}]}",
        StandardCharsets.UTF_8);

    int status =
        cli.run("areas", "find", "48.45,35.05", "--set", file.toString(), "--id-property", "zone");

    assertThat(status).isZero();
    assertThat(cli.out())
        .startsWith("Z1  Zone one")
        .contains("set      " + file)
        .contains("oblast   (not given)");
  }

  @Test
  void everyBadValueGetsItsOwnLineAndExitStatusTwo() {
    int status = cli.run("areas", "find", "91,35", "--set", "ua-villages");

    assertThat(status).isEqualTo(2);
    assertThat(cli.out()).isEmpty();
    assertThat(cli.err().lines())
        .containsExactly(
            "error: LAT,LON: latitude must be within [-90, 90] degrees, was 91.0",
            "error: --set: 'ua-villages' is neither a bundled area set (ua-oblasts, ua-raions,"
                + " ua-hromadas) nor a GeoJSON file");
  }

  @Test
  void anInvalidGeoJsonSetIsRefusedNamingTheFeature(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.geojson");
    Files.writeString(
        file,
        "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"id\":\"B1\","
            + "\"properties\":{},\"geometry\":{\"type\":\"Point\",\"coordinates\":[35,48]}}]}",
        StandardCharsets.UTF_8);

    assertThat(cli.run("areas", "find", "48.45,35.05", "--set", file.toString())).isEqualTo(2);
    assertThat(cli.err().strip())
        .isEqualTo(
            "error: --set: "
                + file
                + ": feature 0 (B1): geometry is a Point, needs Polygon or MultiPolygon");
  }

  @Test
  void aMissingPointIsAUsageError() {
    assertThat(cli.run("areas", "find")).isEqualTo(2);
    assertThat(cli.err()).contains("Missing required parameter: 'LAT,LON'");
  }

  @Test
  void helpListsTheAreasCommandsAndTheNotFoundStatus() {
    assertThat(cli.run("--help")).isZero();
    assertThat(cli.out()).contains("areas");
    cli.clear();
    assertThat(cli.run("areas", "find", "--help")).isZero();
    assertThat(cli.out()).contains("3 when none does");
  }
}
