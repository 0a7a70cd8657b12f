package org.tocsin.sirens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.tocsin.alert.AlertStatus;

/**
 * One area's state as a siren controller reads it, published retained to {@code ROOT/SET/AREA}:
 *
 * <pre>{"level": "shelter", "status": "Exercise", "threats": ["T1"],
 *  "earliestArrival": "2026-12-02T09:31:00Z", "updated": "2026-12-02T09:24:12Z"}</pre>
 *
 * @param level what the siren should sound
 * @param status the status of the threats behind it; for {@code none}, of those just stood down
 * @param threats the ids of the threats that warn the area, sorted; empty for {@code none}
 * @param earliestArrival the earliest predicted arrival in the area; empty for {@code none}
 * @param updated when the decision that made this state was taken
 */
public record SirenState(
    SirenLevel level,
    AlertStatus status,
    List<String> threats,
    Optional<Instant> earliestArrival,
    Instant updated) {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The largest payload read back from the broker: ours are a few hundred bytes. */
  private static final int MAX_READ_BYTES = 16_384;

  public SirenState {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(status, "status");
    threats = List.copyOf(threats);
    Objects.requireNonNull(earliestArrival, "earliestArrival");
    Objects.requireNonNull(updated, "updated");
    if (level == SirenLevel.NONE != threats.isEmpty()) {
      throw new IllegalArgumentException(
          "threats: must be empty exactly when the level is none, was " + threats + " at " + level);
    }
  }

  /** No warning: the all-clear, after warnings of {@code status}. */
  static SirenState none(AlertStatus status, Instant updated) {
    return new SirenState(SirenLevel.NONE, status, List.of(), Optional.empty(), updated);
  }

  /** Whether a siren would do the same for both: all but the time of the decision. */
  boolean sameWarningAs(SirenState other) {
    return level == other.level
        && status == other.status
        && threats.equals(other.threats)
        && earliestArrival.equals(other.earliestArrival);
  }

  /** The JSON published. */
  public byte[] json() {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("level", level.id());
    node.put("status", status.capName());
    threats.forEach(node.putArray("threats")::add);
    node.put("earliestArrival", earliestArrival.map(SirenState::iso).orElse(null));
    node.put("updated", iso(updated));
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write a siren state", e);
    }
  }

  /** ISO 8601 in UTC to the millisecond, as the HTTP API writes times. */
  private static String iso(Instant time) {
    return time.truncatedTo(ChronoUnit.MILLIS).toString();
  }

  /**
   * The level a retained payload found on the broker states, if it is one of ours: anything else
   * (another program's message, a payload too large, not JSON) is empty, to be overwritten.
   */
  static Optional<SirenLevel> levelOf(byte[] payload) {
    if (payload.length == 0 || payload.length > MAX_READ_BYTES) {
      return Optional.empty();
    }
    try {
      JsonNode level = MAPPER.readTree(payload).path("level");
      for (SirenLevel candidate : SirenLevel.values()) {
        if (candidate.id().equals(level.asText(null))) {
          return Optional.of(candidate);
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
