package org.tocsin.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tocsin} command and its sub-commands. */
@Command(
    name = "tocsin",
    mixinStandardHelpOptions = true,
    version = "tocsin 0.1.0",
    description = "Public warning for ballistic-missile threats.",
    subcommands = {
      TrajectoryCommand.class,
      AtlasCommand.class,
      AreasCommand.class,
      DemoCommand.class,
      ReplayCommand.class,
      ServeCommand.class,
      SimulateCommand.class,
      CapCommand.class,
      AuditCommand.class,
      SensorCommand.class,
      UpstreamCommand.class,
      WebhookCommand.class,
      UserCommand.class,
      CommandLine.HelpCommand.class
    })
public final class TocsinCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The command line with Tocsin's conventions: exit 2 for bad input, no stack traces. */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new TocsinCommand());
    commandLine.setExecutionExceptionHandler(new ErrorHandler());
    commandLine.setParameterExceptionHandler(new ErrorHandler());
    return commandLine;
  }
}
