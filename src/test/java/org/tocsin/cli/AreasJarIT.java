package org.tocsin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The bundled area sets travel inside the packaged jar. */
class AreasJarIT {

  @Test
  void thePackagedJarFindsAHromadaFromItsOwnResources() throws Exception {
    String jar = System.getProperty("tocsin.jar", "target/tocsin.jar");
    Process process =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar",
                    jar,
                    "areas",
                    "find",
                    "48.45,35.05"))
            .redirectErrorStream(true)
            .start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).startsWith("UA1202001  Дніпровська / Dniprovska");
  }
}
