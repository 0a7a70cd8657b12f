package org.tocsin.bus;

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
    return ReportBatch.parse(RecordCodec.utf8(bytes));
  }
}
