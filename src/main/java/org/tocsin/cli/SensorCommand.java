package org.tocsin.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tocsin sensor}: the sensors allowed to report. */
@Command(
    name = "sensor",
    mixinStandardHelpOptions = true,
    description = "Manages the sensors allowed to report, and their API keys.",
    subcommands = {SensorAddCommand.class})
final class SensorCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
