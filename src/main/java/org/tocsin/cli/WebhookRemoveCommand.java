package org.tocsin.cli;

import java.time.Clock;
import java.util.concurrent.Callable;
import org.tocsin.delivery.Webhooks;
import org.tocsin.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tocsin webhook remove ID}. */
@Command(
    name = "remove",
    mixinStandardHelpOptions = true,
    description = {
      "Removes a webhook; its deliveries not yet made are dropped.",
      "Exit status: 0 removed, 2 no such webhook."
    })
final class WebhookRemoveCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "ID", description = "The webhook's id, as add printed it.")
  String id;

  @Mixin DatabaseOption database;

  @Override
  public Integer call() {
    try (Database opened = database.open(true)) {
      if (!new Webhooks(opened, Clock.systemUTC()).remove(id)) {
        throw new IllegalArgumentException("there is no webhook '" + id + "'");
      }
    }
    spec.commandLine().getOut().println("removed " + id);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
