package org.tocsin.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * Answers a GET for a document that pollers fetch again and again (the ATOM feed, 0.7 MB a poll;
 * the CAP messages) with validators, and a conditional request whose copy is current with 304 and
 * no body (RFC 9110 §13). The entity tag is a digest of the bytes, so it changes exactly when the
 * document does; {@code If-None-Match} wins over {@code If-Modified-Since} when both are sent.
 */
final class ConditionalGet {

  private ConditionalGet() {}

  /**
   * Writes {@code body} as {@code mediaType} (UTF-8), or 304 when the client's copy is current.
   *
   * @param lastModified when the document last changed
   * @param cacheControl how long caches may keep it without asking again
   */
  static void send(
      Context ctx, String mediaType, String body, Instant lastModified, String cacheControl) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String etag = etag(bytes);
    Instant modified = lastModified.truncatedTo(ChronoUnit.SECONDS);
    ctx.header("ETag", etag);
    ctx.header(
        "Last-Modified",
        DateTimeFormatter.RFC_1123_DATE_TIME.format(modified.atZone(ZoneOffset.UTC)));
    ctx.header("Cache-Control", cacheControl);
    if (notModified(ctx, etag, modified)) {
      ctx.status(HttpStatus.NOT_MODIFIED);
      return;
    }
    ctx.contentType(mediaType + "; charset=utf-8").result(bytes);
  }

  private static boolean notModified(Context ctx, String etag, Instant modified) {
    String ifNoneMatch = ctx.header("If-None-Match");
    if (ifNoneMatch != null) {
      for (String candidate : ifNoneMatch.split(",")) {
        String tag = candidate.trim();
        if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
          return true;
        }
      }
      return false;
    }
    String ifModifiedSince = ctx.header("If-Modified-Since");
    if (ifModifiedSince == null) {
      return false;
    }
    try {
      Instant since =
          Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(ifModifiedSince.trim()));
      return !modified.isAfter(since);
    } catch (DateTimeParseException e) {
      // RFC 9110 §13.1.3: a date that does not parse is ignored.
      return false;
    }
  }

  /** A strong entity tag: the first 128 bits of the SHA-256 of the bytes, quoted. */
  static String etag(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
