package org.tocsin.cli;

import picocli.CommandLine;

/** Entry point of {@code tocsin}. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(TocsinCommand.commandLine().execute(args));
  }
}
