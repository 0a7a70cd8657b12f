package org.tocsin.cli;

import picocli.CommandLine;

/** Maps errors to exit statuses: 2 for bad input with one line per problem, 1 otherwise. */
final class ErrorHandler
    implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

  static final int BAD_INPUT = 2;
  static final int INTERNAL_ERROR = 1;

  @Override
  public int handleParseException(CommandLine.ParameterException e, String[] args) {
    CommandLine commandLine = e.getCommandLine();
    if (commandLine.getCommandSpec().qualifiedName().endsWith("user add")
        && e instanceof CommandLine.UnmatchedArgumentException) {
      // picocli would repeat the unexpected words, and they may be a password typed where it
      // does not belong: say what is wrong without them.
      commandLine
          .getErr()
          .println(
              "error: unexpected arguments (not repeated here): a password is never taken on the"
                  + " command line; it is read from the terminal or standard input");
    } else {
      commandLine.getErr().println("error: " + e.getMessage());
    }
    commandLine
        .getErr()
        .println("try: " + commandLine.getCommandSpec().qualifiedName() + " --help");
    return BAD_INPUT;
  }

  @Override
  public int handleExecutionException(
      Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    if (e instanceof IllegalArgumentException) {
      commandLine.getErr().println("error: " + e.getMessage());
      return BAD_INPUT;
    }
    commandLine.getErr().println("internal error: " + e);
    return INTERNAL_ERROR;
  }
}
