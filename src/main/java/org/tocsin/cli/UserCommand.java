package org.tocsin.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tocsin user}: the console's accounts. */
@Command(
    name = "user",
    mixinStandardHelpOptions = true,
    description = "Manages the accounts that sign in to the operator console.",
    subcommands = {UserAddCommand.class})
final class UserCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
