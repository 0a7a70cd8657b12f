package org.tocsin.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the fields of one YAML mapping of a scenario and records every problem instead of stopping
 * at the first, so that a user sees them all at once. Each getter returns empty when the field is
 * absent or broken (the problem, if any, is then recorded); every field asked for is known, and
 * {@link #rejectUnknownFields()} reports the others.
 */
final class MappingReader {

  /** Whether a missing field is a problem. */
  enum Presence {
    REQUIRED,
    OPTIONAL
  }

  private final JsonNode node;
  private final String path;
  private final List<String> problems;
  private final Set<String> known = new LinkedHashSet<>();

  private MappingReader(JsonNode node, String path, List<String> problems) {
    this.node = node;
    this.path = path;
    this.problems = problems;
  }

  /** The document's root, or empty (a problem recorded) when it is not a mapping. */
  static Optional<MappingReader> root(JsonNode node, List<String> problems) {
    if (node == null || !node.isObject()) {
      problems.add("scenario: must be a mapping of fields, was " + describe(node));
      return Optional.empty();
    }
    return Optional.of(new MappingReader(node, "", problems));
  }

  /** The path of a field of this mapping, as reported: {@code threats[0].launch.lat}. */
  String path(String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  /** The path of this mapping itself; {@code scenario} for the root. */
  String path() {
    return path.isEmpty() ? "scenario" : path;
  }

  void problem(String field, String message) {
    problems.add(path(field) + ": " + message);
  }

  /** A problem with this mapping as a whole, such as two fields that exclude each other. */
  void mappingProblem(String message) {
    problems.add(path() + ": " + message);
  }

  /** Whether the field is given (and not null); marks it known. */
  boolean has(String field) {
    known.add(field);
    JsonNode value = node.get(field);
    return value != null && !value.isNull();
  }

  Optional<String> text(String field, Presence presence) {
    return value(field, presence)
        .flatMap(
            value -> {
              if (!value.isTextual()) {
                problem(field, "must be text, was " + describe(value));
                return Optional.empty();
              }
              if (value.asText().isBlank()) {
                problem(field, "must not be blank");
                return Optional.empty();
              }
              return Optional.of(value.asText());
            });
  }

  Optional<Double> number(String field, Presence presence, Rule rule) {
    return value(field, presence)
        .flatMap(
            value -> {
              if (!value.isNumber()) {
                problem(field, "must be a number, was " + describe(value));
                return Optional.empty();
              }
              double number = value.asDouble();
              if (!rule.accepts(number)) {
                problem(field, rule.description() + ", was " + describe(value));
                return Optional.empty();
              }
              return Optional.of(number);
            });
  }

  Optional<Long> wholeNumber(String field, Presence presence, Rule rule) {
    return value(field, presence)
        .flatMap(
            value -> {
              if (!value.isNumber() || !value.canConvertToExactIntegral()) {
                problem(field, "must be a whole number, was " + describe(value));
                return Optional.empty();
              }
              if (!value.canConvertToLong()) {
                problem(field, "must be within a 64-bit integer, was " + describe(value));
                return Optional.empty();
              }
              long number = value.asLong();
              if (!rule.accepts(number)) {
                problem(field, rule.description() + ", was " + describe(value));
                return Optional.empty();
              }
              return Optional.of(number);
            });
  }

  /** An instant written in ISO-8601 with a zero offset: {@code 2024-11-21T02:00:00Z}. */
  Optional<Instant> instant(String field, Presence presence) {
    return value(field, presence)
        .flatMap(
            value -> {
              String rule = "must be an ISO-8601 UTC instant such as 2024-11-21T02:00:00Z, was ";
              if (!value.isTextual()) {
                problem(field, rule + describe(value));
                return Optional.empty();
              }
              try {
                OffsetDateTime time =
                    OffsetDateTime.parse(value.asText(), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
                if (!time.getOffset().equals(ZoneOffset.UTC)) {
                  problem(field, rule + describe(value));
                  return Optional.empty();
                }
                return Optional.of(time.toInstant());
              } catch (DateTimeParseException e) {
                problem(field, rule + describe(value));
                return Optional.empty();
              }
            });
  }

  Optional<MappingReader> mapping(String field, Presence presence) {
    return value(field, presence).flatMap(value -> mappingAt(value, path(field)));
  }

  /** A list of mappings, each read by its own reader ({@code threats[1]}); at least one. */
  Optional<List<MappingReader>> mappings(String field, Presence presence) {
    Optional<JsonNode> list = value(field, presence);
    if (list.isEmpty()) {
      return Optional.empty();
    }
    if (!list.get().isArray()) {
      problem(field, "must be a list, was " + describe(list.get()));
      return Optional.empty();
    }
    if (list.get().isEmpty()) {
      problem(field, "must list at least one, was empty");
      return Optional.empty();
    }
    List<MappingReader> readers = new ArrayList<>();
    int index = 0;
    for (JsonNode element : list.get()) {
      mappingAt(element, path(field) + "[" + index + "]").ifPresent(readers::add);
      index++;
    }
    return readers.size() == list.get().size() ? Optional.of(readers) : Optional.empty();
  }

  /** Reports every field that no getter asked for. */
  void rejectUnknownFields() {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        mappingProblem("unknown field '" + name + "'");
      }
    }
  }

  private Optional<MappingReader> mappingAt(JsonNode value, String at) {
    if (!value.isObject()) {
      problems.add(at + ": must be a mapping of fields, was " + describe(value));
      return Optional.empty();
    }
    return Optional.of(new MappingReader(value, at, problems));
  }

  private Optional<JsonNode> value(String field, Presence presence) {
    if (!has(field)) {
      if (presence == Presence.REQUIRED) {
        problem(field, "is required");
      }
      return Optional.empty();
    }
    return Optional.of(node.get(field));
  }

  /** A value as a user would recognise it in the file. */
  static String describe(JsonNode value) {
    if (value == null || value.isMissingNode()) {
      return "empty";
    }
    if (value.isTextual()) {
      return "'" + value.asText() + "'";
    }
    if (value.isObject()) {
      return "a mapping";
    }
    if (value.isArray()) {
      return "a list";
    }
    return value.asText();
  }
}
