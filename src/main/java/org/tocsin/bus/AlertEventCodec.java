package org.tocsin.bus;

import java.nio.charset.StandardCharsets;
import org.tocsin.alert.AlertEvent;
import org.tocsin.store.JournalCodec;

/** An alert event's record: the journal's JSON form of it ({@link JournalCodec}), in UTF-8. */
public final class AlertEventCodec implements RecordCodec<AlertEvent> {

  @Override
  public byte[] encode(AlertEvent event) {
    return JournalCodec.encode(event).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public AlertEvent decode(byte[] bytes) {
    return JournalCodec.decodeAlertEvent(RecordCodec.utf8(bytes));
  }
}
