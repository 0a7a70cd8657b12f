package org.tocsin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runs the packaged {@code target/tocsin.jar} in its own JVM, as the README tells people to. */
class TocsinJarIT {

  private record Result(int status, String out, String err) {}

  private static Result tocsin(String... args) throws IOException, InterruptedException {
    String jar = System.getProperty("tocsin.jar", "target/tocsin.jar");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar);
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).start();
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), out, err);
  }

  @Test
  void helpListsTheCommands() throws Exception {
    Result result = tocsin("--help");
    assertThat(result.status()).isZero();
    assertThat(result.out()).contains("Usage: tocsin").contains("trajectory");
  }

  @Test
  void trajectoryPrintsExactlyOneJsonObject() throws Exception {
    Result result =
        tocsin(
            "trajectory",
            "--from",
            "48.58,45.75",
            "--to",
            "48.44,35.01",
            "--flight-time",
            "900",
            "--launch-time",
            "2024-11-21T02:00:00Z",
            "--json");
    assertThat(result.status()).as(result.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(result.out());
    assertThat(json.get("impactTime").asText()).isEqualTo("2024-11-21T02:15:00Z");
  }

  @Test
  void badInputExitsWithStatusTwoAndNoStackTrace() throws Exception {
    Result result =
        tocsin("trajectory", "--from", "48.58,45.75", "--to", "48.44,35.01", "--apogee", "zero");
    assertThat(result.status()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err().strip())
        .isEqualTo("error: --apogee: must be a number, was 'zero'")
        .doesNotContain("Exception");
  }
}
