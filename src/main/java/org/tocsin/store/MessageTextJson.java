package org.tocsin.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tocsin.alert.MessageText;

/**
 * A message's text as the store keeps it inside a draft or a relayed upstream alert: an object
 * {@code "text"} with one member per {@link MessageText#FIELDS field}.
 */
final class MessageTextJson {

  private MessageTextJson() {}

  /** Writes {@code text} as the member {@code "text"} of {@code parent}. */
  static void write(ObjectNode parent, MessageText text) {
    ObjectNode node = parent.putObject("text");
    MessageText.FIELDS.forEach(field -> node.put(field, text.field(field)));
  }

  /** Reads the member {@code "text"} of {@code parent}, as {@link #write} wrote it. */
  static MessageText read(JsonNode parent) {
    JsonNode text = parent.get("text");
    return new MessageText(
        text.get("headlineUk").asText(),
        text.get("headlineEn").asText(),
        text.get("descriptionUk").asText(),
        text.get("descriptionEn").asText(),
        text.get("instructionUk").asText(),
        text.get("instructionEn").asText());
  }
}
