package org.tocsin.store;

/** The database could not be reached or failed a statement; the message says which and why. */
public final class StoreException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
