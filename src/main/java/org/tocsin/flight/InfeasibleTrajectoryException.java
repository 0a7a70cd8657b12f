package org.tocsin.flight;

/**
 * Thrown when no ballistic arc can satisfy a fit request; the message says why and which values
 * would work.
 */
public final class InfeasibleTrajectoryException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public InfeasibleTrajectoryException(String message) {
    super(message);
  }
}
