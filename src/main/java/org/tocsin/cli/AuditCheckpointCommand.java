package org.tocsin.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.tocsin.store.AuditCheckpoint;
import org.tocsin.store.AuditResult;
import org.tocsin.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tocsin audit checkpoint}: signs the head of a verified chain, to be kept elsewhere. */
@Command(
    name = "checkpoint",
    mixinStandardHelpOptions = true,
    description = {
      "Verifies the journal's hash chain and, if it is intact, writes a checkpoint of its last"
          + " record (sequence number and hash) signed with the audit key: a small JSON file to"
          + " keep apart from the database. 'tocsin audit verify --checkpoint FILE' then finds"
          + " any later change to the records up to it, records cut from the end included, even"
          + " by someone who has since obtained the key.",
      "Exit status: 0 written, 3 broken (nothing written), 2 bad input, 1 internal error."
    })
final class AuditCheckpointCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin DatabaseOption database;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      required = true,
      description = "Where to write the checkpoint; an existing file is not replaced.")
  Path out;

  @Override
  public Integer call() {
    PrintWriter console = spec.commandLine().getOut();
    if (Files.exists(out)) {
      throw new IllegalArgumentException("--out: " + out + " exists; a checkpoint is not replaced");
    }
    AuditCheckpoint.Signing signing;
    try (Database opened = database.open(true)) {
      signing = AuditCheckpoint.signIfIntact(opened, Clock.systemUTC());
    }
    AuditResult audit = signing.audit();
    if (signing.checkpoint().isEmpty()) {
      AuditResult.Break broken = audit.firstBreak().orElseThrow();
      console.println(
          "audit trail broken at record "
              + broken.sequence()
              + ": "
              + broken.reason()
              + "; no checkpoint written");
      console.flush();
      return AuditVerifyCommand.BROKEN;
    }
    AuditCheckpoint checkpoint = signing.checkpoint().get();
    try {
      Files.writeString(
          out, checkpoint.toJson() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
    } catch (FileAlreadyExistsException e) {
      throw new IllegalArgumentException("--out: " + out + " exists; a checkpoint is not replaced");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the checkpoint " + out, e);
    }
    console.println(
        "checkpoint of record "
            + checkpoint.sequence()
            + " written to "
            + out
            + AuditVerifyCommand.unkeyedNote(audit));
    console.flush();
    return 0;
  }
}
