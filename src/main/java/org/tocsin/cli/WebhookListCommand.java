package org.tocsin.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.tocsin.delivery.WebhookSubscriber;
import org.tocsin.delivery.Webhooks;
import org.tocsin.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tocsin webhook list}: one line per webhook, never its secret. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "Lists the webhooks: id, URL, what each follows and from which level.")
final class WebhookListCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin DatabaseOption database;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Database opened = database.open(true)) {
      for (WebhookSubscriber webhook : new Webhooks(opened, Clock.systemUTC()).list()) {
        out.println(webhook);
      }
    }
    out.flush();
    return 0;
  }
}
