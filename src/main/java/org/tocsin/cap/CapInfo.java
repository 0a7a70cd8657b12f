package org.tocsin.cap;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A CAP {@code info} block: the event, what to do, and where, in one language.
 *
 * @param language RFC 3066 language tag, e.g. {@code uk-UA}; CAP's default is {@code en-US}
 * @param categories at least one category
 * @param event the type of event, in words
 * @param responseTypes the recommended actions, possibly none
 * @param urgency how soon to act
 * @param severity how bad it is
 * @param certainty how sure the sender is
 * @param onset the expected beginning of the hazard: for a missile, the earliest predicted arrival
 * @param expires when the information is no longer valid
 * @param senderName the name of the issuing agency, for people
 * @param headline a brief headline
 * @param description the hazard, in words
 * @param instruction what to do
 * @param parameters system-specific values (Tocsin: level, threatId, secondsToArrival)
 * @param areas the areas concerned
 */
public record CapInfo(
    String language,
    List<Category> categories,
    String event,
    List<ResponseType> responseTypes,
    Urgency urgency,
    Severity severity,
    Certainty certainty,
    Optional<OffsetDateTime> onset,
    Optional<OffsetDateTime> expires,
    Optional<String> senderName,
    Optional<String> headline,
    Optional<String> description,
    Optional<String> instruction,
    List<NamedValue> parameters,
    List<CapArea> areas) {

  public CapInfo {
    Objects.requireNonNull(language, "language");
    categories = List.copyOf(categories);
    if (categories.isEmpty()) {
      throw new IllegalArgumentException("element 'category': at least one is required");
    }
    Objects.requireNonNull(event, "event");
    responseTypes = List.copyOf(responseTypes);
    Objects.requireNonNull(urgency, "urgency");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(certainty, "certainty");
    onset = onset.map(CapAlert::wholeSeconds);
    expires = expires.map(CapAlert::wholeSeconds);
    Objects.requireNonNull(senderName, "senderName");
    Objects.requireNonNull(headline, "headline");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(instruction, "instruction");
    parameters = List.copyOf(parameters);
    areas = List.copyOf(areas);
  }

  /** The value of the first parameter with that name. */
  public Optional<String> parameter(String valueName) {
    return parameters.stream()
        .filter(p -> p.valueName().equals(valueName))
        .map(NamedValue::value)
        .findFirst();
  }

  /** The kind of event. */
  public enum Category implements CapCode {
    GEO("Geo"),
    MET("Met"),
    SAFETY("Safety"),
    SECURITY("Security"),
    RESCUE("Rescue"),
    FIRE("Fire"),
    HEALTH("Health"),
    ENV("Env"),
    TRANSPORT("Transport"),
    INFRA("Infra"),
    CBRNE("CBRNE"),
    OTHER("Other");

    private final String capName;

    Category(String capName) {
      this.capName = capName;
    }

    @Override
    public String capName() {
      return capName;
    }
  }

  /** The action recommended to people. */
  public enum ResponseType implements CapCode {
    SHELTER("Shelter"),
    EVACUATE("Evacuate"),
    PREPARE("Prepare"),
    EXECUTE("Execute"),
    AVOID("Avoid"),
    MONITOR("Monitor"),
    ASSESS("Assess"),
    ALL_CLEAR("AllClear"),
    NONE("None");

    private final String capName;

    ResponseType(String capName) {
      this.capName = capName;
    }

    @Override
    public String capName() {
      return capName;
    }
  }

  /** How soon to act. */
  public enum Urgency implements CapCode {
    IMMEDIATE("Immediate"),
    EXPECTED("Expected"),
    FUTURE("Future"),
    PAST("Past"),
    UNKNOWN("Unknown");

    private final String capName;

    Urgency(String capName) {
      this.capName = capName;
    }

    @Override
    public String capName() {
      return capName;
    }
  }

  /** How bad it is. */
  public enum Severity implements CapCode {
    EXTREME("Extreme"),
    SEVERE("Severe"),
    MODERATE("Moderate"),
    MINOR("Minor"),
    UNKNOWN("Unknown");

    private final String capName;

    Severity(String capName) {
      this.capName = capName;
    }

    @Override
    public String capName() {
      return capName;
    }
  }

  /** How sure the sender is. */
  public enum Certainty implements CapCode {
    OBSERVED("Observed"),
    LIKELY("Likely"),
    POSSIBLE("Possible"),
    UNLIKELY("Unlikely"),
    UNKNOWN("Unknown");

    private final String capName;

    Certainty(String capName) {
      this.capName = capName;
    }

    @Override
    public String capName() {
      return capName;
    }
  }
}
