package org.tocsin.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tocsin cap}: Common Alerting Protocol messages. */
@Command(
    name = "cap",
    mixinStandardHelpOptions = true,
    description = "Works with CAP (Common Alerting Protocol) 1.1 and 1.2 messages.",
    subcommands = {CapValidateCommand.class})
final class CapCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
