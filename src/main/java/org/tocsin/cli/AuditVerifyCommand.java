package org.tocsin.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.tocsin.store.AuditCheckpoint;
import org.tocsin.store.AuditResult;
import org.tocsin.store.AuditVerifier;
import org.tocsin.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tocsin audit verify}: recomputes the journal's keyed hash chain. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Recomputes the hash chain over every journal record, from the first, with the audit key,"
          + " and reports the first record that was changed, removed or inserted. With"
          + " --checkpoint, also checks that each checkpoint is signed with the audit key and that"
          + " its record is still in the chain with the hash it had.",
      "Prints 'audit trail intact: N records' or 'audit trail broken at record N: why'.",
      "Exit status: 0 intact, 3 broken, 2 bad input (such as a database that cannot be reached,"
          + " or a checkpoint that is not signed with the audit key), 1 internal error."
    })
final class AuditVerifyCommand implements Callable<Integer> {

  static final int BROKEN = 3;

  @Spec CommandSpec spec;

  @Mixin DatabaseOption database;

  @Option(
      names = "--checkpoint",
      paramLabel = "FILE",
      description =
          "A checkpoint written by 'tocsin audit checkpoint' and kept apart from the database."
              + " Repeatable.")
  List<Path> checkpointFiles = new ArrayList<>();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    AuditResult result;
    try (Database opened = database.open(true)) {
      List<AuditCheckpoint> checkpoints =
          checkpointFiles.stream().map(file -> read(file, opened)).toList();
      result = AuditVerifier.verify(opened, checkpoints);
    }
    if (result.firstBreak().isPresent()) {
      AuditResult.Break broken = result.firstBreak().get();
      out.println("audit trail broken at record " + broken.sequence() + ": " + broken.reason());
      out.flush();
      return BROKEN;
    }
    out.println("audit trail intact: " + result.records() + " records" + unkeyedNote(result));
    out.flush();
    return 0;
  }

  static String unkeyedNote(AuditResult result) {
    return result.unkeyedRecords() == 0
        ? ""
        : " (records 1 to "
            + result.unkeyedRecords()
            + " were written before the chain was keyed and are hashed with SHA-256 only)";
  }

  private AuditCheckpoint read(Path file, Database opened) {
    String json;
    try {
      json = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("--checkpoint: cannot read " + file + ": " + e, e);
    }
    try {
      AuditCheckpoint checkpoint = AuditCheckpoint.fromJson(json);
      checkpoint.requireSignedBy(opened.auditKey());
      return checkpoint;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--checkpoint " + file + ": " + e.getMessage(), e);
    }
  }
}
