package org.tocsin.web;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.tocsin.alert.MessageType;

/** The ready messages that end an alert in force, as the API names them. */
enum StandDownAction {
  CANCEL(MessageType.CANCEL, "CANCEL"),
  CORRECTION(MessageType.CORRECTION, "CORRECTION (issued in error)"),
  ALL_CLEAR(MessageType.ALL_CLEAR, "ALL-CLEAR");

  private final MessageType type;
  private final String words;

  StandDownAction(MessageType type, String words) {
    this.type = type;
    this.words = words;
  }

  MessageType type() {
    return type;
  }

  /** The name in paths: {@code cancel}, {@code correction}, {@code all-clear}. */
  String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The message's name in a confirmation. */
  String words() {
    return words;
  }

  /**
   * @throws IllegalArgumentException naming the actions otherwise
   */
  static StandDownAction parse(String id) {
    for (StandDownAction action : values()) {
      if (action.id().equals(id)) {
        return action;
      }
    }
    throw new IllegalArgumentException(
        "action: must be one of "
            + Arrays.stream(values()).map(StandDownAction::id).collect(Collectors.joining(", "))
            + ", was '"
            + id
            + "'");
  }
}
