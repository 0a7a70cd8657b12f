package org.tocsin.alert;

import java.util.Objects;

/**
 * What a manual alert says, in Ukrainian and English: the headline, the description and the
 * instruction. The status mark of an exercise or test is not part of it: messages add that
 * themselves, so no text can leave it out.
 */
public record MessageText(
    String headlineUk,
    String headlineEn,
    String descriptionUk,
    String descriptionEn,
    String instructionUk,
    String instructionEn) {

  /** The longest text of one field, in characters. */
  public static final int MAX_LENGTH = 1_000;

  /** The field names, as the API spells them. */
  public static final java.util.List<String> FIELDS =
      java.util.List.of(
          "headlineUk",
          "headlineEn",
          "descriptionUk",
          "descriptionEn",
          "instructionUk",
          "instructionEn");

  /**
   * @throws IllegalArgumentException naming the field when one is blank or longer than {@link
   *     #MAX_LENGTH}
   */
  public MessageText {
    require("headlineUk", headlineUk);
    require("headlineEn", headlineEn);
    require("descriptionUk", descriptionUk);
    require("descriptionEn", descriptionEn);
    require("instructionUk", instructionUk);
    require("instructionEn", instructionEn);
  }

  /** The field of {@link #FIELDS} named {@code field}. */
  public String field(String field) {
    return switch (field) {
      case "headlineUk" -> headlineUk;
      case "headlineEn" -> headlineEn;
      case "descriptionUk" -> descriptionUk;
      case "descriptionEn" -> descriptionEn;
      case "instructionUk" -> instructionUk;
      case "instructionEn" -> instructionEn;
      default -> throw new IllegalArgumentException("text: unknown field '" + field + "'");
    };
  }

  /** This text with one field replaced. */
  public MessageText with(String field, String value) {
    return new MessageText(
        field.equals("headlineUk") ? value : headlineUk,
        field.equals("headlineEn") ? value : headlineEn,
        field.equals("descriptionUk") ? value : descriptionUk,
        field.equals("descriptionEn") ? value : descriptionEn,
        field.equals("instructionUk") ? value : instructionUk,
        field.equals("instructionEn") ? value : instructionEn);
  }

  private static void require(String field, String value) {
    Objects.requireNonNull(value, field);
    if (value.isBlank()) {
      throw new IllegalArgumentException("text." + field + ": must not be blank");
    }
    if (value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "text."
              + field
              + ": must be at most "
              + MAX_LENGTH
              + " characters, was "
              + value.length());
    }
    XmlText.require("text." + field, value);
  }
}
