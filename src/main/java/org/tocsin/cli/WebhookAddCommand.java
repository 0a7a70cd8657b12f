package org.tocsin.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.tocsin.alert.AlertLevel;
import org.tocsin.delivery.WebhookSubscriber;
import org.tocsin.delivery.Webhooks;
import org.tocsin.store.Database;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tocsin webhook add URL (--areas ID,… | --set SET)}: prints the id and secret once. */
@Command(
    name = "add",
    mixinStandardHelpOptions = true,
    description = {
      "Adds a webhook and prints its id and its secret, which keys the HMAC-SHA256 in each"
          + " delivery's Tocsin-Signature header. The secret is shown only this once. The database"
          + " keeps it as it is (a hash could not sign): keep the database to its owner.",
      "Exit status: 0 added, 2 bad input (a URL that is not http(s), a malformed area id)."
    })
final class WebhookAddCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "URL", description = "Where deliveries are POSTed: http:// or https://.")
  String url;

  @ArgGroup(multiplicity = "1")
  Following following;

  static final class Following {
    @Option(
        names = "--areas",
        split = ",",
        paramLabel = "ID",
        description = "The ids of the areas followed, of the server's area set (--areas on serve).")
    List<String> areas;

    @Option(
        names = "--set",
        paramLabel = "SET",
        description = "Follow every area of this set, e.g. ua-hromadas.")
    String set;
  }

  @Option(
      names = "--level",
      defaultValue = "prepare",
      description = "prepare (both levels, the default) or shelter (take-shelter messages only).")
  String level;

  @Mixin DatabaseOption database;

  @Override
  public Integer call() {
    AlertLevel minLevel = level(level);
    Webhooks.checkedUrl(url);
    WebhookSubscriber added;
    try (Database opened = database.open(false)) {
      Webhooks webhooks = new Webhooks(opened, Clock.systemUTC());
      added =
          following.set != null
              ? webhooks.addForSet(url, following.set, minLevel)
              : webhooks.addForAreas(url, following.areas, minLevel);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("id: " + added.id());
    out.println("secret: " + added.secret());
    out.flush();
    return 0;
  }

  private static AlertLevel level(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "prepare" -> AlertLevel.PREPARE;
      case "shelter" -> AlertLevel.SHELTER;
      default ->
          throw new IllegalArgumentException(
              "--level: must be prepare or shelter, was '" + text + "'");
    };
  }
}
