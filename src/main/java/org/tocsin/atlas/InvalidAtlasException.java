package org.tocsin.atlas;

/** An atlas file that cannot be shown, with the field and the rule it breaks. */
public final class InvalidAtlasException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  InvalidAtlasException(String message) {
    super(message);
  }

  InvalidAtlasException(String message, Throwable cause) {
    super(message, cause);
  }
}
