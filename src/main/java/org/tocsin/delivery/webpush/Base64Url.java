package org.tocsin.delivery.webpush;

import java.util.Base64;

/**
 * Base64url (RFC 4648 §5), as Web Push writes keys and tokens: no padding out, padding allowed in.
 */
final class Base64Url {

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private Base64Url() {}

  static String encode(byte[] bytes) {
    return ENCODER.encodeToString(bytes);
  }

  /**
   * The bytes that {@code text} encodes.
   *
   * @param field what the text is, for the message: {@code "keys.p256dh"}
   * @throws IllegalArgumentException naming the field when the text is absent or not base64url
   */
  static byte[] decode(String field, String text) {
    if (text == null) {
      throw new IllegalArgumentException(field + " is required (base64url)");
    }
    try {
      return DECODER.decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          field
              + " must be base64url (A-Z a-z 0-9 - _, no '+' or '/'), was '"
              + shorten(text)
              + "'",
          e);
    }
  }

  /** At most 100 characters of outside text, for a message. */
  static String shorten(String text) {
    return text.length() <= 100 ? text : text.substring(0, 100) + "…";
  }
}
