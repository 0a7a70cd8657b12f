package org.tocsin.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tocsin areas}: the warning-area sets and the areas in them. */
@Command(
    name = "areas",
    mixinStandardHelpOptions = true,
    description = "Lists the bundled warning-area sets and finds the area that holds a point.",
    subcommands = {AreasListCommand.class, AreasFindCommand.class})
final class AreasCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
