package org.tocsin.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Checks a {@code --report} folder before the simulation runs, so that a path that cannot take the
 * report is refused at once, not after minutes of simulation. Nothing is created: the check writes
 * and removes one probe file in the nearest folder that exists.
 */
final class ReportFolder {

  private ReportFolder() {}

  /** Empty when the report can be written into {@code dir}; otherwise what is wrong, one line. */
  static Optional<String> problem(Path dir) {
    Path absolute = dir.toAbsolutePath().normalize();
    if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
      return Optional.of("--report: must be a folder, but " + dir + " is a file");
    }
    Path existing = absolute;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return Optional.of("--report: cannot write into " + dir + ": no part of the path exists");
    }
    if (!Files.isDirectory(existing)) {
      return Optional.of(
          "--report: cannot write into " + dir + ": " + existing + " is a file, not a folder");
    }
    try {
      // Permissions alone do not tell (root ignores them; a read-only file system does not):
      // only a write does.
      Files.delete(Files.createTempFile(existing, ".tocsin-report-", ".probe"));
      return Optional.empty();
    } catch (IOException | SecurityException e) {
      return Optional.of(
          "--report: cannot write into " + dir + ": " + existing + " does not take new files");
    }
  }
}
