package org.tocsin.alert;

/** The kinds of alert event, after CAP's msgType, with the all-clear made explicit. */
public enum MessageType {
  /** The first warning about a threat. */
  ALERT("Alert"),
  /** Areas or levels changed. */
  UPDATE("Update"),
  /** No area is at risk any more (the threat comes down at sea or abroad). */
  CANCEL("Cancel"),
  /** The threat has come down: the event has ended. Sent as a CAP Update. */
  ALL_CLEAR("Update"),
  /**
   * People found the alert was issued in error: there is no threat, and the areas are stood down.
   * Sent as a CAP Update that says so.
   */
  CORRECTION("Update");

  private final String capMsgType;

  MessageType(String capMsgType) {
    this.capMsgType = capMsgType;
  }

  /** CAP's msgType for this event. */
  public String capMsgType() {
    return capMsgType;
  }

  /** Whether the event ends its threat's warnings: a cancel, an all-clear or a correction. */
  public boolean endsWarnings() {
    return this == CANCEL || this == ALL_CLEAR || this == CORRECTION;
  }
}
