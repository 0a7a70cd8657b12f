package org.tocsin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tocsin.cap.CapAlert;
import org.tocsin.cap.CapReader;
import org.tocsin.cap.CapVersion;

class SimulateCapTest {

  private final InProcessCli cli = new InProcessCli();

  @Test
  void theReportDirectoryHoldsEveryCapMessageValidAndNamedByTheReportsAlerts(@TempDir Path dir)
      throws Exception {
    assertThat(cli.run("simulate", "scenarios/kharkiv-srbm.yaml", "--report", dir.toString()))
        .isZero();

    List<Path> files;
    try (Stream<Path> listed = Files.list(dir.resolve("cap"))) {
      files = listed.sorted().toList();
    }
    assertThat(files).isNotEmpty();
    Map<String, CapAlert> byIdentifier = new LinkedHashMap<>();
    for (int i = 0; i < files.size(); i++) {
      Path file = files.get(i);
      byte[] xml = Files.readAllBytes(file);
      assertThat(CapReader.validate(xml)).as(file.toString()).isEqualTo(CapVersion.V1_2);
      CapAlert message = CapReader.read(xml);
      assertThat(message.status()).isEqualTo(CapAlert.Status.EXERCISE);
      assertThat(file.getFileName().toString())
          .startsWith(String.format("%03d-", i + 1))
          .endsWith(message.identifier().replace(':', '_').replace('@', '_') + ".xml");
      byIdentifier.put(message.identifier(), message);
    }
    assertThat(byIdentifier.values().iterator().next().msgType()).isEqualTo(CapAlert.MsgType.ALERT);

    JsonNode report = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
    JsonNode alerts = report.get("alerts");
    assertThat(alerts.size()).isGreaterThanOrEqualTo(files.size());
    for (JsonNode alert : alerts) {
      assertThat(alert.fieldNames())
          .toIterable()
          .containsExactly("time", "msgType", "level", "threat", "areas", "capIdentifier");
      CapAlert message = byIdentifier.get(alert.get("capIdentifier").asText());
      assertThat(message).as(alert.toString()).isNotNull();
      assertThat(message.msgType().capName()).isEqualTo(alert.get("msgType").asText());
    }
    assertThat(alerts.findValuesAsText("capIdentifier").stream().distinct().toList())
        .containsExactlyElementsOf(byIdentifier.keySet());
  }

  @Test
  void theSenderIsTheOneGivenAndTwoRunsNeverShareAnIdentifier(
      @TempDir Path first, @TempDir Path second) throws Exception {
    for (Path dir : List.of(first, second)) {
      assertThat(
              cli.run(
                  "simulate",
                  "scenarios/kharkiv-srbm.yaml",
                  "--sender",
                  "alerts.example.org",
                  "--report",
                  dir.toString()))
          .isZero();
    }

    List<String> firstIdentifiers = identifiers(first);
    List<String> secondIdentifiers = identifiers(second);
    assertThat(firstIdentifiers)
        .isNotEmpty()
        .allSatisfy(id -> assertThat(id).startsWith("urn:tocsin:alerts.example.org:"))
        .doesNotContainAnyElementsOf(secondIdentifiers);
  }

  @Test
  void aSenderThatCapCannotCarryIsRefusedBeforeTheRun() {
    assertThat(cli.run("simulate", "scenarios/kharkiv-srbm.yaml", "--sender", "two words"))
        .isEqualTo(2);
    assertThat(cli.err())
        .contains("--sender: sender must be 1 to 100 letters, digits")
        .contains("was 'two words'");
  }

  private static List<String> identifiers(Path dir) throws Exception {
    List<String> identifiers = new java.util.ArrayList<>();
    try (Stream<Path> listed = Files.list(dir.resolve("cap"))) {
      for (Path file : listed.sorted().toList()) {
        CapAlert message = CapReader.read(Files.readAllBytes(file));
        assertThat(message.sender()).isEqualTo("alerts.example.org");
        identifiers.add(message.identifier());
      }
    }
    return identifiers;
  }
}
