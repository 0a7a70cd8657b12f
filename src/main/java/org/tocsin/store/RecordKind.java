package org.tocsin.store;

/** What a journal record holds. */
public enum RecordKind {
  /** An ingested sensor report (an observation). */
  REPORT("report"),
  /** A decision of the engine about a threat. */
  DECISION("decision"),
  /** An alert lifecycle event; journalled with its outbox rows. */
  ALERT_EVENT("alert-event"),
  /** Something an operator did (a manual alert, an approval, a cancel). */
  OPERATOR_ACTION("operator-action");

  private final String id;

  RecordKind(String id) {
    this.id = id;
  }

  /** The name stored in the journal and hashed into the chain. */
  public String id() {
    return id;
  }

  /**
   * @throws IllegalArgumentException listing the kinds when the id is unknown
   */
  public static RecordKind fromId(String id) {
    for (RecordKind kind : values()) {
      if (kind.id.equals(id)) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        "record kind must be one of report, decision, alert-event, operator-action, was '"
            + id
            + "'");
  }
}
