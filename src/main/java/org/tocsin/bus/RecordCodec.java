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

  /**
   * A record's bytes as text, strictly: malformed or unmappable UTF-8 is refused, never read as
   * replacement characters.
   *
   * @throws IllegalArgumentException when the bytes are not UTF-8 text
   */
  static String utf8(byte[] bytes) {
    try {
      return java.nio.charset.StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IllegalArgumentException("record must be UTF-8 text, " + e.getMessage(), e);
    }
  }
}
