package org.tocsin.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.tocsin.store.Database;
import org.tocsin.store.KeyHolder;
import org.tocsin.store.SensorKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tocsin upstream add NAME}: registers an upstream authority, prints its key once. */
@Command(
    name = "add",
    mixinStandardHelpOptions = true,
    description = {
      "Registers an upstream authority and prints its new API key on standard output. The key"
          + " posts CAP only, never reports; it is shown only this once: the database keeps a"
          + " salted hash of it. With --trust-cap-key on the server, the authority's messages must"
          + " also be signed.",
      "Exit status: 0 added, 2 bad input (a malformed or taken name, an unreachable database)."
    })
final class UpstreamAddCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "NAME",
      description = "The authority's name: letters, digits, '.', '_' or '-'.")
  String name;

  @Mixin DatabaseOption database;

  @Override
  public Integer call() {
    String key;
    try (Database opened = database.open(false)) {
      key = new SensorKeys(opened, Clock.systemUTC()).add(name, KeyHolder.UPSTREAM_AUTHORITY);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(key);
    out.flush();
    return 0;
  }
}
