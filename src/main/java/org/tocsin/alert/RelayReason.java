package org.tocsin.alert;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reason an upstream authority's alert event carries in the journal, written and read here
 * alone: the delivery channels build their messages from journalled events, and must name the
 * authority, keep its status and leave out the stand-in arrival of an advance notice, as the page
 * and CAP do.
 *
 * @param authority the upstream authority
 * @param status the status the authority sent
 * @param countdown whether the alert gives a time of arrival (not an advance notice)
 */
public record RelayReason(String authority, AlertStatus status, boolean countdown) {

  private static final Pattern READ =
      Pattern.compile(
          "(?:relayed from|cancelled by) upstream authority (\\S+) \\(status (Actual|Exercise|Test);"
              + " (countdown|no countdown);.*\\)",
          Pattern.DOTALL);

  public RelayReason {
    Objects.requireNonNull(authority, "authority");
    Objects.requireNonNull(status, "status");
  }

  /** The reason of a relayed alert or of its Update. */
  public static String relayed(UpstreamAlert alert, boolean update) {
    return "relayed from upstream authority "
        + alert.authority()
        + " ("
        + facts(alert)
        + "; "
        + (update ? "an Update" : "an Alert")
        + "; CAP "
        + alert.capIdentifier()
        + ")";
  }

  /** The reason of the authority's Cancel. */
  public static String cancelled(UpstreamAlert alert) {
    return "cancelled by upstream authority "
        + alert.authority()
        + " ("
        + facts(alert)
        + "; a Cancel; CAP "
        + alert.capIdentifier()
        + ")";
  }

  private static String facts(UpstreamAlert alert) {
    return alert.status().stated() + "; " + (alert.hasCountdown() ? "countdown" : "no countdown");
  }

  /** What an event's reason says of an upstream alert; empty for any other event. */
  public static Optional<RelayReason> read(String reason) {
    Matcher matcher = READ.matcher(reason == null ? "" : reason);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    return Optional.of(
        new RelayReason(
            matcher.group(1),
            AlertStatus.parse("status", matcher.group(2)),
            matcher.group(3).equals("countdown")));
  }
}
