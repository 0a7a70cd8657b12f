package org.tocsin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CapValidateCommandTest {

  private static final String SAMPLES = "src/test/resources/cap/samples/";

  private final InProcessCli cli = new InProcessCli();

  @Test
  void validFilesOfBothVersionsArePrintedWithTheirVersionAndExitZero() {
    int status = cli.run("cap", "validate", SAMPLES + "canada.cap", SAMPLES + "weather.cap");

    assertThat(status).isZero();
    assertThat(cli.err()).isEmpty();
    assertThat(cli.out().lines())
        .containsExactly(
            SAMPLES + "canada.cap: valid CAP 1.2", SAMPLES + "weather.cap: valid CAP 1.1");
  }

  @Test
  void anInvalidFileIsReportedOnStandardErrorNamingTheElementAndExitsTwo() {
    int status = cli.run("cap", "validate", SAMPLES + "australia.cap", SAMPLES + "invalid.cap");

    assertThat(status).isEqualTo(2);
    assertThat(cli.out().strip()).isEqualTo(SAMPLES + "australia.cap: valid CAP 1.2");
    assertThat(cli.err().strip())
        .isEqualTo(
            SAMPLES
                + "invalid.cap: line 9: element 'info': not allowed here; expected one of source,"
                + " scope");
  }

  @Test
  void aMissingOrNonXmlFileExitsTwo(@TempDir Path dir) throws Exception {
    Path text = dir.resolve("notes.txt");
    Files.writeString(text, "not xml");

    int status = cli.run("cap", "validate", dir.resolve("none.cap").toString(), text.toString());

    assertThat(status).isEqualTo(2);
    assertThat(cli.out()).isEmpty();
    assertThat(cli.err().lines())
        .containsExactly(
            dir.resolve("none.cap") + ": no such file",
            text + ": line 1: Content is not allowed in prolog.");
  }

  @Test
  void validateWithoutFilesIsAUsageError() {
    assertThat(cli.run("cap", "validate")).isEqualTo(2);
    assertThat(cli.err()).contains("Missing required parameter: 'FILE'");
  }
}
