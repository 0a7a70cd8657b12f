package org.tocsin.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A signed statement that the journal's chain held {@code sequence} records and that the last one
 * hashed to {@code hash}, to be exported and kept apart from the database (another machine, a
 * printout, an auditor's mailbox). Every record up to it is fixed by that hash; a checkpoint is
 * what shows records cut from the end together with the head, and it still holds the chain to its
 * state if the audit key is later stolen.
 *
 * <p>It is a small JSON document signed with the {@link AuditKey}'s Ed25519 key over
 *
 * <pre>
 *   "tocsin-audit-checkpoint/1" "\n" sequence "\n" hash "\n" signed_at
 * </pre>
 *
 * (UTF-8), and carries the public key, so that anyone can check the signature; {@link
 * AuditVerifier} accepts only checkpoints signed by the installation's own key.
 *
 * @param sequence the last record's sequence number (0 for an empty journal)
 * @param hash that record's hash, lower-case hex
 * @param signedAt when the checkpoint was signed
 * @param publicKey the signer's Ed25519 public key, Base64 of its X.509 encoding
 * @param signature the Ed25519 signature, Base64
 */
public record AuditCheckpoint(
    long sequence, String hash, Instant signedAt, String publicKey, String signature) {

  /** The {@code format} of the JSON document. */
  public static final String FORMAT = "tocsin-audit-checkpoint/1";

  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @throws IllegalArgumentException when a field breaks its rule, naming it
   */
  public AuditCheckpoint {
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence must be at least 0, was " + sequence);
    }
    if (hash == null || !HASH.matcher(hash).matches()) {
      throw new IllegalArgumentException(
          "hash must be 64 lower-case hexadecimal digits, was '" + hash + "'");
    }
    Objects.requireNonNull(signedAt, "signedAt");
    requireBase64("publicKey", publicKey);
    requireBase64("signature", signature);
  }

  /** A checkpoint, when the chain checked, and what the check found. */
  public record Signing(AuditResult audit, Optional<AuditCheckpoint> checkpoint) {}

  /**
   * Verifies the chain and, when it is intact, signs a checkpoint of its last record. A broken
   * chain is never signed.
   *
   * @param clock stamps {@code signedAt}
   * @throws StoreException when the database cannot be read
   */
  public static Signing signIfIntact(Database database, Clock clock) {
    AuditVerifier.Walk walk = AuditVerifier.walk(database, List.of());
    if (!walk.result().intact()) {
      return new Signing(walk.result(), Optional.empty());
    }
    AuditKey key = database.auditKey();
    long sequence = walk.result().records();
    Instant signedAt = Timestamps.stored(clock.instant());
    Base64.Encoder base64 = Base64.getEncoder();
    String signature =
        base64.encodeToString(key.sign(signedText(sequence, walk.lastHash(), signedAt)));
    AuditCheckpoint checkpoint =
        new AuditCheckpoint(
            sequence,
            walk.lastHash(),
            signedAt,
            base64.encodeToString(key.checkpointPublicKey().getEncoded()),
            signature);
    return new Signing(walk.result(), Optional.of(checkpoint));
  }

  /**
   * Reads a checkpoint's JSON document; the signature is not checked yet ({@link
   * #requireSignedBy}).
   *
   * @throws IllegalArgumentException when it is not a checkpoint, naming the field and its rule
   */
  public static AuditCheckpoint fromJson(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("a checkpoint must be a JSON object");
    }
    String format = text(root, "format");
    if (!FORMAT.equals(format)) {
      throw new IllegalArgumentException("format must be " + FORMAT + ", was '" + format + "'");
    }
    JsonNode sequence = root.get("sequence");
    if (sequence == null || !sequence.canConvertToExactIntegral() || !sequence.canConvertToLong()) {
      throw new IllegalArgumentException("sequence must be a whole number, was " + sequence);
    }
    Instant signedAt;
    try {
      signedAt = Instant.parse(text(root, "signedAt"));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "signedAt must be an ISO-8601 instant, was '" + text(root, "signedAt") + "'", e);
    }
    return new AuditCheckpoint(
        sequence.asLong(),
        text(root, "hash"),
        signedAt,
        text(root, "publicKey"),
        text(root, "signature"));
  }

  /** The JSON document, one line. */
  public String toJson() {
    ObjectNode node = JSON.createObjectNode();
    node.put("format", FORMAT);
    node.put("sequence", sequence);
    node.put("hash", hash);
    node.put("signedAt", signedAt.toString());
    node.put("publicKey", publicKey);
    node.put("signature", signature);
    return node.toString();
  }

  /**
   * Checks that {@code key} signed this checkpoint.
   *
   * @throws IllegalArgumentException when another key signed it, or the signature does not verify
   *     (the checkpoint was changed)
   */
  public void requireSignedBy(AuditKey key) {
    byte[] ours = key.checkpointPublicKey().getEncoded();
    if (!Arrays.equals(ours, Base64.getDecoder().decode(publicKey))) {
      throw new IllegalArgumentException(
          "publicKey: the checkpoint was signed by another key than the audit key " + key.file());
    }
    boolean valid;
    try {
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(key.checkpointPublicKey());
      verifier.update(signedText(sequence, hash, signedAt).getBytes(StandardCharsets.UTF_8));
      valid = verifier.verify(Base64.getDecoder().decode(signature));
    } catch (GeneralSecurityException e) {
      valid = false;
    }
    if (!valid) {
      throw new IllegalArgumentException(
          "signature: does not verify with the audit key "
              + key.file()
              + "; the checkpoint was"
              + " changed");
    }
  }

  private static String signedText(long sequence, String hash, Instant signedAt) {
    return FORMAT + '\n' + sequence + '\n' + hash + '\n' + signedAt;
  }

  private static String text(JsonNode root, String field) {
    JsonNode value = root.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException(field + " must be a string, was " + value);
    }
    return value.asText();
  }

  private static void requireBase64(String field, String value) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(field + " must be Base64, was empty");
    }
    try {
      Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + " must be Base64: " + e.getMessage(), e);
    }
  }
}
