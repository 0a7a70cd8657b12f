package org.tocsin.node;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.tocsin.store.ActionKind;
import org.tocsin.store.Journal;
import org.tocsin.store.JournalRecord;
import org.tocsin.store.RecordKind;

/**
 * The journal records set aside: reports or operators' actions that were journalled and then could
 * not be applied (a report the engine failed on, an approval whose CAP could not be built). They
 * stay in the journal, which is never rewritten, and a record of its own (an operator action by
 * Tocsin, in the audit trail) marks each range; replay skips them, so that one such record can
 * never stop the server from coming up.
 */
final class SetAside {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Ranges by their first sequence number: first → last, inclusive. */
  private final NavigableMap<Long, Long> ranges = new TreeMap<>();

  /** The marker record's payload. */
  static String record(long from, long to, String command, String reason) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("action", ActionKind.RECORDS_SET_ASIDE.id());
    node.put("by", "tocsin");
    node.put("from", from);
    node.put("to", to);
    node.put("command", command);
    node.put("reason", reason);
    return node.toString();
  }

  /** The ranges the journal's markers set aside. */
  static SetAside read(Journal journal) {
    SetAside setAside = new SetAside();
    try (Stream<JournalRecord> records = journal.read(1, RecordKind.OPERATOR_ACTION)) {
      records.forEach(
          record -> {
            JsonNode node = json(record);
            if (ActionKind.fromId(node.path("action").asText()).orElse(null)
                == ActionKind.RECORDS_SET_ASIDE) {
              setAside.add(node.path("from").asLong(), node.path("to").asLong());
            }
          });
    }
    return setAside;
  }

  void add(long from, long to) {
    ranges.merge(from, to, Math::max);
  }

  boolean contains(long sequence) {
    Map.Entry<Long, Long> range = ranges.floorEntry(sequence);
    return range != null && sequence <= range.getValue();
  }

  private static JsonNode json(JournalRecord record) {
    try {
      return MAPPER.readTree(record.payloadJson());
    } catch (JsonProcessingException e) {
      // A record that is not JSON cannot be a marker; the replay sets it aside in its turn.
      return MAPPER.createObjectNode();
    }
  }
}
