package org.tocsin.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tocsin webhook}: the institutions' signed webhooks. */
@Command(
    name = "webhook",
    mixinStandardHelpOptions = true,
    description =
        "Manages the webhooks that institutions (a parliament, a railway, a hospital, a"
            + " broadcaster) receive every alert event on: a signed POST of JSON, retried in order"
            + " for at least an hour. The server (tocsin serve) delivers them.",
    subcommands = {WebhookAddCommand.class, WebhookListCommand.class, WebhookRemoveCommand.class})
final class WebhookCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
