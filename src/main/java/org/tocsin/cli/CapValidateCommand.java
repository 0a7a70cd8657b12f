package org.tocsin.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.tocsin.cap.CapReader;
import org.tocsin.cap.CapVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tocsin cap validate}: checks CAP files against the OASIS schemas. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Checks CAP 1.1 and 1.2 files against the OASIS schema of their version, as Tocsin reads"
          + " CAP from outside (no DTDs or external entities, at most 1 MiB).",
      "Prints 'FILE: valid CAP 1.2' (or 1.1) for each valid file, and 'FILE: <line, element and"
          + " rule>' on standard error for each invalid one.",
      "Exit status: 0 when all are valid, 2 when any is invalid or unreadable."
    })
final class CapValidateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "The CAP files.")
  List<Path> files;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean allValid = true;
    for (Path file : files) {
      try (InputStream in = Files.newInputStream(file)) {
        CapVersion version = CapReader.validate(in);
        out.println(file + ": valid " + version);
      } catch (IllegalArgumentException e) {
        err.println(file + ": " + e.getMessage());
        allValid = false;
      } catch (NoSuchFileException e) {
        err.println(file + ": no such file");
        allValid = false;
      } catch (IOException e) {
        err.println(file + ": cannot read: " + e.getMessage());
        allValid = false;
      }
    }
    out.flush();
    err.flush();
    return allValid ? 0 : ErrorHandler.BAD_INPUT;
  }
}
