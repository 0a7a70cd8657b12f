package org.tocsin.cli;

/** Entry point of {@code tocsin}. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(TocsinCommand.commandLine().execute(args));
  }
}
