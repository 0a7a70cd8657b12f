package org.tocsin.node;

/**
 * Reports that passed validation and that the warning engine still could not use: they were set
 * aside and changed nothing. Answered 422, naming the reason, so that the sensor's operators see
 * it.
 */
public final class UnusableReportsException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  UnusableReportsException(String message, Throwable cause) {
    super(message, cause);
  }
}
