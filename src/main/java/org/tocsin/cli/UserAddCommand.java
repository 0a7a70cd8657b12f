package org.tocsin.cli;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.tocsin.store.Accounts;
import org.tocsin.store.Database;
import org.tocsin.store.PasswordHasher;
import org.tocsin.store.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tocsin user add NAME --role ROLE}: creates a console account. The password is never an
 * argument, where the shell history and the process list would keep it: it is asked for twice on
 * the terminal, or read as one line from standard input when there is no terminal.
 */
@Command(
    name = "add",
    mixinStandardHelpOptions = true,
    description = {
      "Creates a console account; the first admin is created this way.",
      "The password (at least "
          + PasswordHasher.MIN_LENGTH
          + " characters) is asked for twice on the terminal, or read as one line from standard"
          + " input when there is no terminal. It is never taken as an argument.",
      "Exit status: 0 added, 2 bad input (a malformed or taken name, an unknown role, a short or"
          + " mismatched password, an unreachable database)."
    })
final class UserAddCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "NAME",
      description = "The account's name: 3 to 64 lower-case letters, digits, '.', '_' or '-'.")
  String name;

  @Option(
      names = "--role",
      required = true,
      paramLabel = "ROLE",
      description = "viewer, operator, approver or admin.")
  String role;

  @Mixin DatabaseOption database;

  @Override
  public Integer call() {
    Role parsed = Role.fromId(role);
    Accounts.requireValidName(name);
    try (Database opened = database.open(false)) {
      Accounts accounts = new Accounts(opened, Clock.systemUTC());
      if (accounts.find(name).isPresent()) {
        throw new IllegalArgumentException("account '" + name + "' already exists");
      }
      char[] password = readPassword();
      try {
        accounts.create(name, parsed, password);
      } finally {
        Arrays.fill(password, '\0');
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("added account " + name + " with role " + parsed.id());
    out.flush();
    return 0;
  }

  private char[] readPassword() {
    Console console = System.console();
    if (console == null) {
      return readLine(System.in);
    }
    char[] first = console.readPassword("Password for %s: ", name);
    char[] second = console.readPassword("The same password again: ");
    if (first == null || second == null) {
      throw new IllegalArgumentException("no password given");
    }
    try {
      if (!Arrays.equals(first, second)) {
        Arrays.fill(first, '\0');
        throw new IllegalArgumentException("the two passwords differ");
      }
      return first;
    } finally {
      Arrays.fill(second, '\0');
    }
  }

  /**
   * The first line of {@code in} as UTF-8, without its line ending, in a {@code char[]} that the
   * caller wipes. Leaves {@code in} open.
   *
   * @throws IllegalArgumentException when {@code in} ends before giving any character
   */
  static char[] readLine(InputStream in) {
    @SuppressWarnings("resource") // closing it would close standard input
    Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
    char[] buffer = new char[64];
    int length = 0;
    try {
      int c = reader.read();
      if (c == -1) {
        throw new IllegalArgumentException(
            "no password on standard input: give it as one line, or run on a terminal");
      }
      while (c != -1 && c != '\n') {
        if (length == buffer.length) {
          char[] larger = Arrays.copyOf(buffer, 2 * length);
          Arrays.fill(buffer, '\0');
          buffer = larger;
        }
        buffer[length++] = (char) c;
        c = reader.read();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the password from standard input", e);
    }
    if (length > 0 && buffer[length - 1] == '\r') {
      length--;
    }
    char[] line = Arrays.copyOf(buffer, length);
    Arrays.fill(buffer, '\0');
    return line;
  }
}
