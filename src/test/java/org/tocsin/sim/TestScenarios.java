package org.tocsin.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The public scenarios of {@code shared/scenarios}, read from this project's copy of them. */
final class TestScenarios {

  static final String DNIPRO = "dnipro-2024-11-21";
  static final String KHARKIV = "kharkiv-srbm";
  static final String BLACK_SEA = "black-sea-salvo";

  private TestScenarios() {}

  /** The copy in the project's {@code scenarios/}, so that tests run without shared/. */
  static Path copy(String name) {
    return Path.of("scenarios", name + ".yaml");
  }

  /** The original, next to the project: {@code ../shared/scenarios}. */
  static Path shared(String name) {
    return Path.of("..", "shared", "scenarios", name + ".yaml");
  }

  static Scenario load(String name) {
    try {
      return ScenarioLoader.load(copy(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
