package org.tocsin.cli;

import org.tocsin.cap.CapIssuer;
import picocli.CommandLine.Option;

/** The {@code --sender} option of the commands that issue CAP messages. */
final class CapSenderOption {

  @Option(
      names = "--sender",
      paramLabel = "SENDER",
      defaultValue = CapIssuer.DEFAULT_SENDER,
      description = {
        "The CAP sender of every message issued, e.g. a domain you control: alerts.example.org."
            + " Letters, digits, '.', '-', '_' and '@' (default: "
            + CapIssuer.DEFAULT_SENDER
            + ")."
      })
  String sender = CapIssuer.DEFAULT_SENDER;

  /**
   * The sender, checked.
   *
   * @throws IllegalArgumentException naming {@code --sender}, the rule and the value
   */
  String checked() {
    try {
      return CapIssuer.requireSender(sender);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--sender: " + e.getMessage(), e);
    }
  }
}
