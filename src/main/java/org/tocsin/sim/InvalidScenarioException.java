package org.tocsin.sim;

import java.util.List;

/**
 * Thrown when a scenario is refused; lists every problem found, one line each, naming the field,
 * the rule and the value, e.g. {@code threats[0].launch.lat: must be within [-90, 90], was 91.0}.
 */
public final class InvalidScenarioException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String[] problems;

  /**
   * @param problems at least one, one line each
   */
  public InvalidScenarioException(List<String> problems) {
    super(String.join("\n", problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("an invalid scenario has at least one problem");
    }
    this.problems = problems.toArray(String[]::new);
  }

  /** Every problem found, in the order of the file, one line each. */
  public List<String> problems() {
    return List.of(problems);
  }
}
