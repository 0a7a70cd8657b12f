package org.tocsin.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** Reads public keys from files: X.509 SubjectPublicKeyInfo, DER or PEM, EC or RSA. */
public final class PublicKeys {

  private PublicKeys() {}

  /**
   * A key's fingerprint, as {@code openssl pkey -pubin -outform DER | sha256sum} gives it: {@code
   * SHA256:} and the hex SHA-256 of its SubjectPublicKeyInfo. Says who signed, without the key.
   */
  public static String fingerprint(PublicKey key) {
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
      return "SHA256:" + java.util.HexFormat.of().formatHex(digest);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /**
   * @throws IllegalArgumentException naming the file when it holds no EC or RSA public key
   */
  public static PublicKey read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the public key " + file, e);
    }
    String text = new String(bytes, StandardCharsets.US_ASCII);
    if (text.contains("-----BEGIN PUBLIC KEY-----")) {
      String base64 =
          text.replace("-----BEGIN PUBLIC KEY-----", "")
              .replace("-----END PUBLIC KEY-----", "")
              .replaceAll("\\s", "");
      bytes = Base64.getDecoder().decode(base64);
    }
    for (String algorithm : new String[] {"EC", "RSA"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(bytes));
      } catch (GeneralSecurityException e) {
        // Try the next algorithm.
      }
    }
    throw new IllegalArgumentException(
        file + ": must hold an EC or RSA public key (X.509 SubjectPublicKeyInfo, DER or PEM)");
  }
}
