package org.tocsin.bus;

/**
 * The byte form of a log's records. Whatever a log holds is read as hostile: another program may
 * write to a topic, and a record may be cut or altered, so {@link #decode} checks everything and
 * refuses what is not a valid value.
 */
public interface RecordCodec<T> {

  byte[] encode(T value);

  /**
   * @throws IllegalArgumentException naming what is wrong, when the bytes are not a valid value
   */
  T decode(byte[] bytes);
}
