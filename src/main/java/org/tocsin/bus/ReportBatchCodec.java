package org.tocsin.bus;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A report batch's record: its JSON in UTF-8. Decoding refuses bytes that are not UTF-8 (rather
 * than reading them as replacement characters) and validates the reports as ingest does.
 */
final class ReportBatchCodec implements RecordCodec<ReportBatch> {

  @Override
  public byte[] encode(ReportBatch batch) {
    return batch.json().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public ReportBatch decode(byte[] bytes) {
    return ReportBatch.parse(utf8(bytes));
  }

  /** Strict UTF-8: malformed or unmappable bytes are refused. */
  static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("record must be UTF-8 text, " + e.getMessage(), e);
    }
  }
}
