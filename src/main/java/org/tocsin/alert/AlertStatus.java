package org.tocsin.alert;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whom an alert is for: everybody (Actual), the participants of a drill (Exercise) or nobody (a
 * technical Test). An alert's status is fixed when it is made; everything that follows from it (its
 * texts, its messages, its corrections) carries the same status, so a drill can never turn into a
 * real alert on the way.
 */
public enum AlertStatus {
  /** A real alert: act on it. */
  ACTUAL("Actual", "ACTUAL", "СПРАВЖНЯ ТРИВОГА · ACTUAL"),
  /** A drill: only its participants act on it. */
  EXERCISE("Exercise", "EXERCISE", "НАВЧАННЯ · EXERCISE"),
  /** A technical test: nobody acts on it. */
  TEST("Test", "TEST", "ТЕСТ · TEST");

  private final String capName;
  private final String word;
  private final String tag;

  AlertStatus(String capName, String word, String tag) {
    this.capName = capName;
    this.word = word;
    this.tag = tag;
  }

  /** The name as CAP spells it: {@code Actual}, {@code Exercise}, {@code Test}. */
  public String capName() {
    return capName;
  }

  /** The status in capitals, for confirmations that state it: {@code EXERCISE}. */
  public String word() {
    return word;
  }

  /** The bilingual mark shown on every screen and message: {@code НАВЧАННЯ · EXERCISE}. */
  public String tag() {
    return tag;
  }

  /** What the status means, in words, for confirmations. */
  public String meaning() {
    return switch (this) {
      case ACTUAL -> "a REAL alert to the public";
      case EXERCISE -> "a drill, not a real alert";
      case TEST -> "a technical test, not a real alert";
    };
  }

  /**
   * The status and what it means, for confirmations: {@code EXERCISE (a drill, not a real alert)}.
   */
  public String inWords() {
    return word + " (" + meaning() + ")";
  }

  /**
   * The status spelled as CAP spells it.
   *
   * @param field the input field, for the message
   * @throws IllegalArgumentException naming the field and the allowed values otherwise
   */
  public static AlertStatus parse(String field, String value) {
    for (AlertStatus status : values()) {
      if (status.capName.equals(value)) {
        return status;
      }
    }
    throw new IllegalArgumentException(
        field + ": must be one of Actual, Exercise, Test, was '" + value + "'");
  }

  private static final Pattern STATED = Pattern.compile("\\(status (Actual|Exercise|Test)[;)]");

  /**
   * How an event's reason states a status that is not the server's: people's alerts and upstream
   * authorities' carry their own, and the journalled event is all that delivery reads.
   */
  public String stated() {
    return "status " + capName;
  }

  /** The status an event's reason states ({@link #stated()}, in brackets), if it states one. */
  public static Optional<AlertStatus> statedIn(String reason) {
    Matcher matcher = STATED.matcher(reason == null ? "" : reason);
    // The pattern admits the three names only, so parse never refuses what it found.
    return matcher.find() ? Optional.of(parse("status", matcher.group(1))) : Optional.empty();
  }
}
