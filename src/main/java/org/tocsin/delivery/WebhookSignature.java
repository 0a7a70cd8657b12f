package org.tocsin.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Tocsin-Signature} header: {@code t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "."
 * + body)>}. The time inside the signed text lets a receiver refuse a replayed old delivery; the
 * version tag lets a later scheme be sent beside this one.
 */
public final class WebhookSignature {

  /** The header's name. */
  public static final String HEADER = "Tocsin-Signature";

  private static final Pattern FORM = Pattern.compile("t=(\\d{1,12}),v1=([0-9a-f]{64})");

  private WebhookSignature() {}

  /** The header's value for {@code body} sent at {@code time}. */
  public static String header(String secret, Instant time, byte[] body) {
    long t = time.getEpochSecond();
    return "t=" + t + ",v1=" + HexFormat.of().formatHex(hmac(secret, t, body));
  }

  /**
   * Whether {@code header} signs {@code body} with {@code secret} at a time within {@code
   * tolerance} of {@code now}: what a receiver checks (the README shows it in a few lines).
   */
  public static boolean verify(
      String secret, String header, byte[] body, Instant now, Duration tolerance) {
    if (header == null) {
      return false;
    }
    Matcher parts = FORM.matcher(header);
    if (!parts.matches()) {
      return false;
    }
    long t = Long.parseLong(parts.group(1));
    if (Math.abs(now.getEpochSecond() - t) > tolerance.toSeconds()) {
      return false;
    }
    return MessageDigest.isEqual(hmac(secret, t, body), HexFormat.of().parseHex(parts.group(2)));
  }

  private static byte[] hmac(String secret, long t, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has HmacSHA256", e);
    }
  }
}
