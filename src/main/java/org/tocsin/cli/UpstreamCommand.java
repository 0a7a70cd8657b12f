package org.tocsin.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tocsin upstream}: the upstream authorities allowed to post CAP. */
@Command(
    name = "upstream",
    mixinStandardHelpOptions = true,
    description =
        "Manages the upstream authorities allowed to post CAP (POST /api/v1/cap), and their API"
            + " keys. Sensor keys cannot post CAP.",
    subcommands = {UpstreamAddCommand.class})
final class UpstreamCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
