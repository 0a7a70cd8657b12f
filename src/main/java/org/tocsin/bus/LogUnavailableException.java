package org.tocsin.bus;

/**
 * The log did not take a record in time (its brokers are unreachable, too few replicas are in sync,
 * or it was closed): nothing may be acknowledged for it, and the caller may retry later (an HTTP
 * 503 with {@code Retry-After}). The record may still have been written.
 */
public class LogUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  LogUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
