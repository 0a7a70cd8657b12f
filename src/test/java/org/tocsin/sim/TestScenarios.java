package org.tocsin.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The public scenarios of the project's {@code scenarios/}, and the format they follow. */
final class TestScenarios {

  static final String DNIPRO = "dnipro-2024-11-21";
  static final String KHARKIV = "kharkiv-srbm";
  static final String BLACK_SEA = "black-sea-salvo";

  /** A valid scenario with one threat and one sensor, to which tests add or change lines. */
  static final String MINIMAL =
      """
      name: minimal
      areas: ua-hromadas
      threats:
        - id: T1
          class: irbm
          launch: { lat: 48.58, lon: 45.75, time: 2024-11-21T02:00:00Z }
          impact: { lat: 48.44, lon: 35.01 }
          flightTimeS: 900
      sensors:
        - id: ir-1
          kind: launch-detection
          latencyS: 60
          positionSigmaKm: 5
          headingSigmaDeg: 5
      """;

  private TestScenarios() {}

  /** The public scenario in the project's {@code scenarios/}. */
  static Path copy(String name) {
    return Path.of("scenarios", name + ".yaml");
  }

  /** The scenario format and the report, as the project documents them. */
  static final Path FORMAT = Path.of("docs", "SCENARIOS.md");

  /** The first fenced block of {@code language} in {@link #FORMAT}: its example. */
  static String documentedBlock(String language) throws IOException {
    String text = Files.readString(FORMAT);
    String fence = "```" + language + "\n";
    int start = text.indexOf(fence);
    if (start < 0) {
      throw new IllegalStateException(FORMAT + " has no " + language + " example");
    }
    int end = text.indexOf("```", start + fence.length());
    return text.substring(start + fence.length(), end);
  }

  static Scenario load(String name) {
    try {
      return ScenarioLoader.load(copy(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
