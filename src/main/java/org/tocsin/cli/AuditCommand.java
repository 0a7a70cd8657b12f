package org.tocsin.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tocsin audit}: checks on the journal's audit trail, and checkpoints of it. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description =
        "Checks the journal's keyed hash-chained audit trail, and signs checkpoints of it.",
    subcommands = {AuditVerifyCommand.class, AuditCheckpointCommand.class})
final class AuditCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
