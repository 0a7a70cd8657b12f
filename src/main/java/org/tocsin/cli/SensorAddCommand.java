package org.tocsin.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.tocsin.store.Database;
import org.tocsin.store.SensorKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tocsin sensor add NAME}: registers a sensor and prints its new API key once. */
@Command(
    name = "add",
    mixinStandardHelpOptions = true,
    description = {
      "Registers a sensor and prints its new API key on standard output. The key is shown only"
          + " this once: the database keeps a salted hash of it.",
      "Exit status: 0 added, 2 bad input (a malformed or taken name, an unreachable database)."
    })
final class SensorAddCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "NAME",
      description = "The sensor's name: letters, digits, '.', '_' or '-'.")
  String name;

  @Mixin DatabaseOption database;

  @Override
  public Integer call() {
    String key;
    try (Database opened = database.open(false)) {
      key = new SensorKeys(opened, Clock.systemUTC()).add(name);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(key);
    out.flush();
    return 0;
  }
}
