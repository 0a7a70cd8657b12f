package org.tocsin.web;

/**
 * Whether warnings are real. Exercise and Test are carried on every message and shown on every
 * element of the page, so that a drill is never mistaken for a real alert.
 */
public enum AlertStatus {
  ACTUAL("Actual"),
  EXERCISE("Exercise"),
  TEST("Test");

  private final String capName;

  AlertStatus(String capName) {
    this.capName = capName;
  }

  /** The CAP 1.2 status value. */
  public String capName() {
    return capName;
  }
}
