package org.tocsin.cap;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.tocsin.alert.AlertEvent;
import org.tocsin.alert.AlertLevel;
import org.tocsin.alert.AreaWarning;
import org.tocsin.alert.MessageText;
import org.tocsin.alert.MessageType;
import org.tocsin.area.AreaSet;
import org.tocsin.cap.CapInfo.Certainty;
import org.tocsin.cap.CapInfo.ResponseType;
import org.tocsin.cap.CapInfo.Severity;
import org.tocsin.cap.CapInfo.Urgency;
import org.tocsin.cap.CapTexts.Kind;

/**
 * Turns alert events into CAP 1.2 messages.
 *
 * <p>One event is one message: Alert for the first event of a threat, Update for a change and for
 * the all-clear, Cancel when no area is left; every later message references the previous one of
 * its threat. The areas are grouped by level (shelter first), and each group gets an info block in
 * Ukrainian ({@code uk-UA}) and in English ({@code en-US}):
 *
 * <pre>
 *  group      responseType urgency   severity certainty                     onset, expires
 *  shelter    Shelter      Immediate Extreme  Likely (Observed once due)    earliest arrival, +30 min
 *  prepare    Prepare      Expected  Severe   Likely (Observed once due)    earliest arrival, +30 min
 *  all-clear  AllClear     Past      Minor    Observed                      -, sent +30 min
 *  cancel     None         Past      Minor    Likely                        -, sent +30 min
 *  correction AllClear     Past      Minor    Observed                      -, sent +30 min
 * </pre>
 *
 * <p>A correction (the alert was issued in error) is an Update that says so and lists the areas
 * stood down. A manual alert's warning groups carry its own words (see {@link MessageText}).
 *
 * <p>Parameters: {@code level}, {@code threatId} and {@code secondsToArrival} (from the event to
 * the group's earliest predicted arrival, never negative). Areas: one {@code area} per group, with
 * the names in the block's language, polygons that cover the group's union and a geocode for each
 * of its areas (see {@link CapAreas}). A Cancel repeats the areas of the message it cancels.
 *
 * <p>Identifiers are {@code urn:tocsin:<sender>:<series>:<event id>} (see {@link CapIssuer}).
 *
 * <p>The status is fixed per instance: Actual, Exercise or Test; exercises and tests are marked in
 * every headline and description, whatever words an operator chose.
 */
public final class CapMessages {

  /** The most points in one polygon, a limit that receivers such as cell broadcast can take. */
  public static final int MAX_POLYGON_POINTS = 100;

  /** How long after the predicted arrival (or, without one, after sending) a message expires. */
  public static final Duration VALIDITY = Duration.ofMinutes(30);

  /** The language of the Ukrainian info blocks. */
  public static final String UKRAINIAN = CapTexts.UKRAINIAN;

  /** The language of the English info blocks. */
  public static final String ENGLISH = CapTexts.ENGLISH;

  private static final String SENDER_NAME = "Tocsin";

  private final CapAreas areas;
  private final CapIssuer issuer;
  private final CapAlert.Status status;

  /**
   * @param areas the set the events' area ids belong to
   * @param issuer the sender and the series of the identifiers
   * @param status Actual, Exercise or Test
   * @throws IllegalArgumentException for another status
   */
  public CapMessages(AreaSet areas, CapIssuer issuer, CapAlert.Status status) {
    this.areas = new CapAreas(areas, MAX_POLYGON_POINTS);
    this.issuer = Objects.requireNonNull(issuer, "issuer");
    if (status != CapAlert.Status.ACTUAL
        && status != CapAlert.Status.EXERCISE
        && status != CapAlert.Status.TEST) {
      throw new IllegalArgumentException(
          "status must be Actual, Exercise or Test, was " + status.capName());
    }
    this.status = status;
  }

  /**
   * A headline as a message of {@code status} carries it in the info block of {@code language}
   * ({@link #UKRAINIAN} or {@link #ENGLISH}): an exercise's or a test's marked at the start, in
   * that language, whatever its words.
   */
  public static String markedHeadline(CapAlert.Status status, String language, String headline) {
    return CapTexts.headlinePrefix(status, UKRAINIAN.equals(language)) + headline;
  }

  /** A message's headline and instruction in one language, as its info block words them. */
  public record Words(String headline, String instruction) {}

  /**
   * What a message of {@code type} says to people of some areas, in {@code language} ({@link
   * #UKRAINIAN} or {@link #ENGLISH}), with the exercise or test mark at the start of the headline:
   * the words a push notification or a webhook carries beside the CAP document.
   *
   * @param level the highest level among the areas concerned; empty when none is warned any more
   *     (an Update that stands them down), which words it as a cancel for them
   * @param onset the earliest predicted arrival there, if any
   * @param eventTime when the event was decided, from which the time to arrival is counted
   */
  public static Words words(
      MessageType type,
      Optional<AlertLevel> level,
      org.tocsin.alert.AlertStatus status,
      Optional<Instant> onset,
      Instant eventTime,
      String language) {
    Kind kind =
        switch (type) {
          case CANCEL -> Kind.CANCEL;
          case ALL_CLEAR -> Kind.ALL_CLEAR;
          case CORRECTION -> Kind.CORRECTION;
          case ALERT, UPDATE ->
              level
                  .map(l -> l == AlertLevel.SHELTER ? Kind.SHELTER : Kind.PREPARE)
                  .orElse(Kind.CANCEL);
        };
    boolean warning = kind == Kind.SHELTER || kind == Kind.PREPARE;
    Optional<Instant> arrival = warning ? onset : Optional.empty();
    long secondsToArrival =
        arrival.map(o -> Math.max(0, Duration.between(eventTime, o).toSeconds())).orElse(0L);
    CapTexts.Text text =
        CapTexts.text(kind, language, CapAlert.Status.of(status), arrival, secondsToArrival);
    return new Words(text.headline(), text.instruction());
  }

  /** The CAP identifier of an event's message from this instance's issuer. */
  public String identifier(String eventId) {
    return issuer.identifier(eventId);
  }

  /**
   * The messages of a sequence of events, in order, each referencing the previous one of its
   * threat.
   *
   * @throws IllegalArgumentException when an event references one not earlier in the list, or names
   *     an area not in the set
   */
  public List<CapAlert> messages(List<AlertEvent> events) {
    Map<String, CapAlert> byEventId = new HashMap<>();
    List<CapAlert> messages = new ArrayList<>();
    for (AlertEvent event : events) {
      CapAlert message = message(event, event.references().map(byEventId::get));
      byEventId.put(event.id(), message);
      messages.add(message);
    }
    return messages;
  }

  /**
   * The message of one event.
   *
   * @param previous the message of the event that this one references; required when it references
   *     one
   * @throws IllegalArgumentException when the previous message is missing or is not the referenced
   *     one, or an area is not in the set
   */
  public CapAlert message(AlertEvent event, Optional<CapAlert> previous) {
    return message(event, previous, Optional.empty());
  }

  /**
   * The message of one event, with a manual alert's own text for its warning groups (a Cancel,
   * correction or all-clear keeps the standard text). Exercise and test marks are added whatever
   * the text says.
   *
   * @param previous as for {@link #message(AlertEvent, Optional)}
   * @param ownText the words of a manual alert, if any
   */
  public CapAlert message(
      AlertEvent event, Optional<CapAlert> previous, Optional<MessageText> ownText) {
    return message(event, previous, ownText, Optional.empty());
  }

  /**
   * Where an alert relayed from an upstream authority comes from.
   *
   * @param authority the authority, named in every info block (parameter {@code upstreamAuthority})
   * @param countdown whether the alert gives a time of arrival: an advance notice gives none, and
   *     its messages then carry no onset and no {@code secondsToArrival}
   */
  public record Relayed(String authority, boolean countdown) {
    public Relayed {
      java.util.Objects.requireNonNull(authority, "authority");
    }
  }

  /**
   * The message of one event of an alert relayed from an upstream authority, in the authority's
   * words; see {@link #message(AlertEvent, Optional, Optional)}.
   */
  public CapAlert message(
      AlertEvent event,
      Optional<CapAlert> previous,
      Optional<MessageText> ownText,
      Optional<Relayed> relayed) {
    List<CapAlert.Reference> references = new ArrayList<>();
    if (event.references().isPresent()) {
      String expected = identifier(event.references().get());
      if (previous.isEmpty() || !previous.get().identifier().equals(expected)) {
        throw new IllegalArgumentException(
            "event "
                + event.id()
                + " references "
                + expected
                + ", but the previous message given was "
                + previous.map(CapAlert::identifier).orElse("none"));
      }
      references.add(previous.get().reference());
    }
    OffsetDateTime sent = event.time().atOffset(ZoneOffset.UTC);
    List<CapInfo> infos = new ArrayList<>();
    switch (event.type()) {
      case CANCEL -> infos.addAll(cancelInfos(event, sent, previous, relayed));
      case ALL_CLEAR ->
          addGroup(infos, event, sent, Kind.ALL_CLEAR, event.areas(), ownText, relayed);
      case CORRECTION ->
          addGroup(infos, event, sent, Kind.CORRECTION, event.areas(), ownText, relayed);
      default -> {
        for (AlertLevel level : new AlertLevel[] {AlertLevel.SHELTER, AlertLevel.PREPARE}) {
          List<AreaWarning> group = event.areas().stream().filter(w -> w.level() == level).toList();
          if (!group.isEmpty()) {
            addGroup(
                infos,
                event,
                sent,
                level == AlertLevel.SHELTER ? Kind.SHELTER : Kind.PREPARE,
                group,
                ownText,
                relayed);
          }
        }
      }
    }
    return new CapAlert(
        identifier(event.id()),
        issuer.sender(),
        sent,
        status,
        msgType(event.type()),
        CapAlert.Scope.PUBLIC,
        references,
        infos);
  }

  private static CapAlert.MsgType msgType(MessageType type) {
    return switch (type) {
      case ALERT -> CapAlert.MsgType.ALERT;
      case UPDATE, ALL_CLEAR, CORRECTION -> CapAlert.MsgType.UPDATE;
      case CANCEL -> CapAlert.MsgType.CANCEL;
    };
  }

  private void addGroup(
      List<CapInfo> infos,
      AlertEvent event,
      OffsetDateTime sent,
      Kind kind,
      List<AreaWarning> warnings,
      Optional<MessageText> ownText,
      Optional<Relayed> relayed) {
    List<AreaWarning> sorted =
        warnings.stream().sorted(Comparator.comparing(AreaWarning::areaId)).toList();
    List<String> areaIds = sorted.stream().map(AreaWarning::areaId).toList();
    boolean warning = kind == Kind.SHELTER || kind == Kind.PREPARE;
    boolean countdown = relayed.map(Relayed::countdown).orElse(true);
    Optional<Instant> onset =
        warning && countdown
            ? sorted.stream().map(AreaWarning::earliestArrival).min(Instant::compareTo)
            : Optional.empty();
    long secondsToArrival =
        onset.map(o -> Math.max(0, Duration.between(event.time(), o).toSeconds())).orElse(0L);
    CapAreas.Named named = areas.of(areaIds);
    for (String language : new String[] {CapTexts.UKRAINIAN, CapTexts.ENGLISH}) {
      List<CapArea> capAreas =
          List.of(CapTexts.UKRAINIAN.equals(language) ? named.uk() : named.en());
      CapTexts.Text text =
          warning && ownText.isPresent()
              ? CapTexts.manual(ownText.get(), language, status)
              : CapTexts.text(kind, language, status, onset, secondsToArrival);
      infos.add(
          info(kind, language, text, event, sent, onset, secondsToArrival, capAreas, relayed));
    }
  }

  private List<CapInfo> cancelInfos(
      AlertEvent event,
      OffsetDateTime sent,
      Optional<CapAlert> previous,
      Optional<Relayed> relayed) {
    List<CapInfo> infos = new ArrayList<>();
    for (String language : new String[] {CapTexts.UKRAINIAN, CapTexts.ENGLISH}) {
      Map<String, CapArea> released = new LinkedHashMap<>();
      previous.ifPresent(
          p ->
              p.infos().stream()
                  .filter(info -> info.language().equals(language))
                  .flatMap(info -> info.areas().stream())
                  .forEach(area -> released.putIfAbsent(area.areaDesc(), area)));
      infos.add(
          info(
              Kind.CANCEL,
              language,
              CapTexts.text(Kind.CANCEL, language, status, Optional.empty(), 0),
              event,
              sent,
              Optional.empty(),
              0,
              List.copyOf(released.values()),
              relayed));
    }
    return infos;
  }

  private CapInfo info(
      Kind kind,
      String language,
      CapTexts.Text text,
      AlertEvent event,
      OffsetDateTime sent,
      Optional<Instant> onset,
      long secondsToArrival,
      List<CapArea> capAreas,
      Optional<Relayed> relayed) {
    boolean due = onset.isPresent() && !onset.get().isAfter(event.time());
    Optional<OffsetDateTime> onsetTime = onset.map(o -> o.atOffset(ZoneOffset.UTC));
    List<NamedValue> parameters = new ArrayList<>();
    parameters.add(new NamedValue("level", level(kind)));
    parameters.add(new NamedValue("threatId", event.threatId()));
    if (onset.isPresent()) {
      parameters.add(new NamedValue("secondsToArrival", Long.toString(secondsToArrival)));
    }
    relayed.ifPresent(
        r -> {
          parameters.add(new NamedValue("origin", "upstream"));
          parameters.add(new NamedValue("upstreamAuthority", r.authority()));
        });
    return new CapInfo(
        language,
        List.of(CapInfo.Category.SAFETY),
        text.event(),
        List.of(responseType(kind)),
        switch (kind) {
          case SHELTER -> Urgency.IMMEDIATE;
          case PREPARE -> Urgency.EXPECTED;
          case ALL_CLEAR, CANCEL, CORRECTION -> Urgency.PAST;
        },
        switch (kind) {
          case SHELTER -> Severity.EXTREME;
          case PREPARE -> Severity.SEVERE;
          case ALL_CLEAR, CANCEL, CORRECTION -> Severity.MINOR;
        },
        kind == Kind.ALL_CLEAR || kind == Kind.CORRECTION || due
            ? Certainty.OBSERVED
            : Certainty.LIKELY,
        onsetTime,
        Optional.of(onsetTime.orElse(sent).plus(VALIDITY)),
        Optional.of(SENDER_NAME),
        Optional.of(text.headline()),
        Optional.of(text.description()),
        Optional.of(text.instruction()),
        parameters,
        capAreas);
  }

  private static ResponseType responseType(Kind kind) {
    return switch (kind) {
      case SHELTER -> ResponseType.SHELTER;
      case PREPARE -> ResponseType.PREPARE;
      case ALL_CLEAR, CORRECTION -> ResponseType.ALL_CLEAR;
      case CANCEL -> ResponseType.NONE;
    };
  }

  private static String level(Kind kind) {
    return switch (kind) {
      case SHELTER -> "shelter";
      case PREPARE -> "prepare";
      case ALL_CLEAR -> "all-clear";
      case CANCEL -> "none";
      case CORRECTION -> "correction";
    };
  }
}
