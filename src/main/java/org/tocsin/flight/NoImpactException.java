package org.tocsin.flight;

/** Thrown when a state does not come down within the longest flight the propagator follows. */
public final class NoImpactException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public NoImpactException(String message) {
    super(message);
  }
}
