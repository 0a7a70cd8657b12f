package org.tocsin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {

  private static final String KHARKIV = "scenarios/kharkiv-srbm.yaml";

  private final InProcessCli cli = new InProcessCli();

  @Test
  void jsonPrintsExactlyOneObjectOnStandardOutput() throws Exception {
    assertThat(cli.run("simulate", KHARKIV, "--json")).isZero();
    assertThat(cli.out().strip().lines()).hasSize(1);
    JsonNode report = new ObjectMapper().readTree(cli.out());
    assertThat(report.get("scenario").asText()).isEqualTo("kharkiv-srbm");
    assertThat(report.get("threats").get(0).get("id").asText()).isEqualTo("S1");
  }

  @Test
  void reportDirectoryHoldsTheReportAndThePlots(@TempDir Path dir) throws Exception {
    assertThat(cli.run("simulate", KHARKIV, "--report", dir.toString())).isZero();
    JsonNode report = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
    assertThat(report.get("scenario").asText()).isEqualTo("kharkiv-srbm");
    for (String plot : new String[] {"timeline.png", "map.png"}) {
      byte[] png = Files.readAllBytes(dir.resolve(plot));
      assertThat(png.length).isGreaterThan(10_000);
      assertThat(new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII))
          .isEqualTo("PNG");
    }
    assertThat(cli.out()).contains("Scenario kharkiv-srbm on ua-hromadas").contains("S1:");
  }

  @Test
  void anInvalidScenarioIsRefusedLineByLineWithStatusTwo(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(
        bad,
        String.join(
            "\n",
            "name: Bad Name",
            "areas: ua-hromadas",
            "threats:",
            "  - id: X",
            "    class: srbm",
            "    launch: { lat: 91, lon: 36.59, time: 2025-01-10T06:00:00Z }",
            "    impact: { lat: 49.99, lon: 36.23 }",
            "    apogeeKm: 25",
            "    colour: red",
            "sensors:",
            "  - id: ir-1",
            "    kind: launch-detection",
            "    latencyS: 15",
            "    positionSigmaKm: 3",
            "    headingSigmaDeg: 8",
            ""));
    assertThat(cli.run("simulate", bad.toString(), "--json")).isEqualTo(2);
    assertThat(cli.out()).isEmpty();
    assertThat(cli.err().lines().filter(line -> line.startsWith("error: ")).count())
        .isGreaterThanOrEqualTo(3);
    assertThat(cli.err())
        .contains("name: must match [a-z0-9-]+")
        .contains("threats[0].launch.lat")
        .contains("colour")
        .doesNotContain("Exception");
  }

  @Test
  void aMissingFileExitsWithStatusTwo() {
    assertThat(cli.run("simulate", "no-such-scenario.yaml")).isEqualTo(2);
    assertThat(cli.err()).contains("no such file");
  }

  @Test
  void aReportOntoAnExistingFileIsRefusedBeforeTheSimulationRuns(@TempDir Path dir)
      throws Exception {
    Path file = Files.writeString(dir.resolve("report.txt"), "not a folder");

    assertThat(cli.run("simulate", KHARKIV, "--report", file.toString())).isEqualTo(2);

    assertThat(cli.err())
        .startsWith("error: --report: must be a folder, but " + file + " is a file")
        .doesNotContain("internal error")
        .doesNotContain("Exception");
    assertThat(cli.out()).as("nothing was simulated").isEmpty();
    assertThat(Files.readString(file)).isEqualTo("not a folder");
  }

  @Test
  void aReportIntoAFolderThatCannotBeMadeIsRefusedBeforeTheSimulationRuns(@TempDir Path dir)
      throws Exception {
    Path file = Files.writeString(dir.resolve("plain-file"), "x");
    Path beneathAFile = file.resolve("report");

    assertThat(cli.run("simulate", KHARKIV, "--report", beneathAFile.toString())).isEqualTo(2);

    assertThat(cli.err())
        .startsWith("error: --report: cannot write into " + beneathAFile + ": " + file)
        .doesNotContain("internal error");
    assertThat(cli.out()).as("nothing was simulated").isEmpty();
  }

  @Test
  void aReportIntoAReadOnlyFileSystemIsRefusedBeforeTheSimulationRuns() {
    // /proc refuses new entries even to root, for whom folder permissions do not apply.
    Path readOnly = Path.of("/proc/tocsin-report");

    assertThat(cli.run("simulate", KHARKIV, "--report", readOnly.toString())).isEqualTo(2);

    assertThat(cli.err())
        .startsWith("error: --report: cannot write into " + readOnly)
        .doesNotContain("internal error");
    assertThat(cli.out()).isEmpty();
    assertThat(Files.exists(readOnly)).isFalse();
  }
}
