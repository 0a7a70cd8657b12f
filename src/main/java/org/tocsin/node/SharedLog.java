package org.tocsin.node;

/**
 * The log a cluster's nodes share, in which every command that changes the warnings (a batch of
 * reports, a tick, an operator's action) is written before any engine takes it, so that every
 * node's engine takes the same commands in the same order and decides the same events (see {@link
 * LiveWarnings#shared}). Each command is decided at the log's time for its record, never at a
 * node's clock.
 */
public interface SharedLog {

  /**
   * Appends a command durably and returns its position in the log, once the log holds it (an
   * acknowledgement may follow).
   *
   * @throws WriterUnavailableException when the log did not take it in time
   */
  long append(Command command);
}
