package org.tocsin.node;

/**
 * The warnings cannot take a command now: an earlier one failed and the state is being rebuilt from
 * the journal, which cannot be read. Answered 503 with {@code Retry-After}; nothing was changed.
 */
public final class WriterUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public WriterUnavailableException(String message) {
    super(message);
  }

  public WriterUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
