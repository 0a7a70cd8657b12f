package org.tocsin.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.tocsin.track.LaunchDetection;
import org.tocsin.track.Observation;

/**
 * The times a report may carry, against the server's clock. A report from far in the past or the
 * future is no measurement of a threat now: a launch dated a year ahead kept an Actual alert in
 * force for a year, and dates near the ends of {@link Instant}'s range overflowed the engine's
 * arithmetic and stopped every restart. Such reports are refused before they are journalled.
 *
 * @param maxAge how long after its time a report is still taken: sensors deliver late, but a plot
 *     older than this warns nobody in time
 * @param maxLead how far ahead of the server's clock a report may be dated: the clocks' skew
 * @param maxLaunchAge how long before its report a launch may be dated: longer than any ballistic
 *     flight, so a launch reported this late has come down
 */
public record ReportWindow(Duration maxAge, Duration maxLead, Duration maxLaunchAge) {

  /** Ten minutes late, thirty seconds early, a launch at most an hour before its report. */
  public static final ReportWindow DEFAULT =
      new ReportWindow(Duration.ofMinutes(10), Duration.ofSeconds(30), Duration.ofHours(1));

  public ReportWindow {
    Objects.requireNonNull(maxAge, "maxAge");
    Objects.requireNonNull(maxLead, "maxLead");
    Objects.requireNonNull(maxLaunchAge, "maxLaunchAge");
    if (maxAge.isNegative() || maxLead.isNegative() || maxLaunchAge.isNegative()) {
      throw new IllegalArgumentException(
          "report window: durations must not be negative, were "
              + maxAge
              + ", "
              + maxLead
              + ", "
              + maxLaunchAge);
    }
  }

  /**
   * Every report of {@code batch} dated outside the window around {@code now}, one line each naming
   * the field and the rule; empty when all are within it.
   */
  public List<String> problems(List<Observation> batch, Instant now) {
    Instant earliest = now.minus(maxAge);
    Instant latest = now.plus(maxLead);
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      Observation report = batch.get(i);
      String path = "reports[" + i + "]";
      if (report.time().isBefore(earliest) || report.time().isAfter(latest)) {
        problems.add(
            path
                + ".time: must be within "
                + maxAge.toSeconds()
                + " s before and "
                + maxLead.toSeconds()
                + " s after the server's time "
                + now
                + ", was "
                + report.time());
        continue; // its launch time is checked against a report time in range only
      }
      if (report instanceof LaunchDetection launch
          && launch.launchTime().isBefore(report.time().minus(maxLaunchAge))) {
        problems.add(
            path
                + ".launch.time: must be at most "
                + maxLaunchAge.toSeconds()
                + " s before the report's time, was "
                + launch.launchTime());
      }
    }
    return problems;
  }
}
