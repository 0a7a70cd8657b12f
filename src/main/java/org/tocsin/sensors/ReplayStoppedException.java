package org.tocsin.sensors;

/**
 * A replay stopped before its end: a server refused a batch (a wrong key, a report it would not
 * take), or no server took it within the retry policy. The message says which batch, which server,
 * and the server's own words.
 */
public final class ReplayStoppedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  ReplayStoppedException(String message) {
    super(message);
  }
}
