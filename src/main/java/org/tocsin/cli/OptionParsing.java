package org.tocsin.cli;

import java.io.UncheckedIOException;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Function;

/** Reads command options, gathering every problem instead of stopping at the first. */
final class OptionParsing {

  private OptionParsing() {}

  /**
   * The option's value, or null after adding "option: message" to the problems when the parser
   * rejects the text.
   */
  static <T> T parse(
      String option, String text, Function<String, T> parser, List<String> problems) {
    try {
      return parser.apply(text);
    } catch (IllegalArgumentException | UncheckedIOException | DateTimeParseException e) {
      problems.add(option + ": " + e.getMessage());
      return null;
    }
  }

  /**
   * The text as a number.
   *
   * @param expected what the message says it must be, such as "a number of seconds"
   * @throws IllegalArgumentException "must be {expected}, was '{text}'" when it is not a number
   */
  static double number(String text, String expected) {
    try {
      return Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("must be " + expected + ", was '" + text + "'", e);
    }
  }
}
