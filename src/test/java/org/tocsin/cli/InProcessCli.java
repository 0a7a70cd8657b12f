package org.tocsin.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs {@code tocsin} in the test's JVM with its conventions, capturing what it prints. */
final class InProcessCli {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  /** Runs the command line; returns the exit status. */
  int run(String... args) {
    return run(TocsinCommand.commandLine(), args);
  }

  /** Runs a prepared command line (a custom factory, say); returns the exit status. */
  int run(CommandLine commandLine, String... args) {
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  /** Forgets what was printed so far. */
  void clear() {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
  }

  String out() {
    return out.toString();
  }

  String err() {
    return err.toString();
  }
}
