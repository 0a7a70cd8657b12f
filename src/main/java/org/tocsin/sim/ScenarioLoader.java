package org.tocsin.sim;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads scenarios in the format of {@code docs/SCENARIOS.md}.
 *
 * <p>The YAML is read into a tree and checked by hand rather than bound to classes, so that every
 * problem is found in one pass and reported on its own line, naming the field, the rule and the
 * value. Unknown fields are refused: the format grows only by new optional fields, and a misspelt
 * optional field must not silently fall back to its default. Duplicate keys are refused too, for
 * the same reason. Each threat is fitted once to check that its class can fly it; this takes up to
 * a few hundred milliseconds per threat.
 */
public final class ScenarioLoader {

  private static final YAMLMapper YAML =
      YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private ScenarioLoader() {}

  /**
   * Reads and checks a scenario file (UTF-8).
   *
   * @throws InvalidScenarioException listing every problem when the scenario is invalid
   * @throws IOException when the file cannot be read
   */
  public static Scenario load(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /**
   * Reads and checks a scenario.
   *
   * @param yaml the scenario's text
   * @param sourceName where it comes from, for problems that have no field (YAML syntax)
   * @throws InvalidScenarioException listing every problem when the scenario is invalid
   */
  public static Scenario parse(String yaml, String sourceName) {
    JsonNode tree;
    try {
      tree = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new InvalidScenarioException(List.of(syntaxProblem(sourceName, e)));
    }
    List<String> problems = new ArrayList<>();
    return MappingReader.root(tree, problems)
        .flatMap(root -> ScenarioReader.read(root, problems))
        .orElseThrow(() -> new InvalidScenarioException(problems));
  }

  private static String syntaxProblem(String sourceName, JsonProcessingException e) {
    JsonLocation location = e.getLocation();
    String where =
        location == null
            ? sourceName
            : sourceName + ":" + location.getLineNr() + ":" + location.getColumnNr();
    // SnakeYAML adds indented lines that quote the text and point at it; the location says as much
    String reason =
        e.getOriginalMessage()
            .lines()
            .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
            .collect(Collectors.joining("; "));
    return where + ": not valid YAML: " + reason;
  }
}
