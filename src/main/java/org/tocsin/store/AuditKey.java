package org.tocsin.store;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The installation's audit key, kept in a file of its own and never in the database: a 256-bit
 * secret that keys the journal's chain (HMAC-SHA256, see {@link AuditChain}) and an Ed25519 key
 * pair that signs checkpoints of the chain's head (see {@link AuditCheckpoint}). Someone who can
 * write to the database but not read this file can neither extend the chain nor recompute it after
 * a change.
 *
 * <p>The file is created readable and writable by its owner only (mode 0600), and a file that
 * others may read is refused, as ssh refuses such a private key. It is a small text file:
 *
 * <pre>
 *   chain-key=BASE64 (32 bytes)
 *   checkpoint-private-key=BASE64 (PKCS#8, Ed25519)
 *   checkpoint-public-key=BASE64 (X.509 SubjectPublicKeyInfo, Ed25519)
 * </pre>
 */
public final class AuditKey {

  /** The key's file name in a data folder: {@code audit.key}. */
  public static final String FILE_NAME = "audit.key";

  private static final int CHAIN_KEY_BYTES = 32;
  private static final String CHAIN_KEY = "chain-key";
  private static final String PRIVATE_KEY = "checkpoint-private-key";
  private static final String PUBLIC_KEY = "checkpoint-public-key";
  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  private final Path file;
  private final SecretKeySpec chainKey;
  private final KeyPair checkpointKeys;
  private final AtomicBoolean unused;

  private AuditKey(Path file, byte[] chainKey, KeyPair checkpointKeys, boolean justMade) {
    this.file = file;
    this.chainKey = new SecretKeySpec(chainKey, "HmacSHA256");
    this.checkpointKeys = checkpointKeys;
    this.unused = new AtomicBoolean(justMade);
  }

  /**
   * Reads the key in {@code file}, which must exist.
   *
   * @throws IllegalArgumentException when the file is missing, readable by others or malformed,
   *     naming the file and what is wrong
   * @throws UncheckedIOException when the file cannot be read
   */
  public static AuditKey load(Path file) {
    if (!Files.exists(file)) {
      throw new IllegalArgumentException("there is no audit key at " + file);
    }
    return read(file);
  }

  /**
   * Reads the key in {@code file}, or makes a new one and writes it there (mode 0600) when there is
   * no file yet. Two processes that make one at once end with the same key: the second reads the
   * first one's file.
   *
   * @throws IllegalArgumentException as {@link #load} does
   * @throws UncheckedIOException when the file cannot be read or written
   */
  public static AuditKey loadOrCreate(Path file) {
    if (Files.exists(file)) {
      return read(file);
    }
    byte[] chainKey = new byte[CHAIN_KEY_BYTES];
    new SecureRandom().nextBytes(chainKey);
    KeyPair pair;
    try {
      pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK from 15 on has Ed25519", e);
    }
    Base64.Encoder base64 = Base64.getEncoder();
    String text =
        "# Tocsin audit key. Keep it secret, and a copy of it apart from the database: without it\n"
            + "# the journal's audit chain can neither be verified nor extended.\n"
            + CHAIN_KEY
            + '='
            + base64.encodeToString(chainKey)
            + '\n'
            + PRIVATE_KEY
            + '='
            + base64.encodeToString(pair.getPrivate().getEncoded())
            + '\n'
            + PUBLIC_KEY
            + '='
            + base64.encodeToString(pair.getPublic().getEncoded())
            + '\n';
    try {
      writeOnce(file, text);
      return new AuditKey(file, chainKey, pair, true);
    } catch (FileAlreadyExistsException e) {
      return read(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the audit key " + file, e);
    }
  }

  /** The file the key was read from or written to. */
  public Path file() {
    return file;
  }

  /**
   * Whether this is the first use of a key this process has just made, so that no journal can have
   * been chained with it yet; every later call answers false.
   */
  boolean takeFirstUse() {
    return unused.getAndSet(false);
  }

  /** HMAC-SHA256 of the UTF-8 bytes of {@code input}, in lower-case hex. */
  String mac(String input) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(chainKey);
      return HexFormat.of().formatHex(mac.doFinal(input.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("every JDK has HmacSHA256", e);
    }
  }

  /** The Ed25519 signature of the UTF-8 bytes of {@code text}. */
  byte[] sign(String text) {
    try {
      Signature signature = Signature.getInstance("Ed25519");
      signature.initSign(checkpointKeys.getPrivate());
      signature.update(text.getBytes(StandardCharsets.UTF_8));
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with the audit checkpoint key in " + file, e);
    }
  }

  /** The public half of the checkpoint key, which anyone may hold to check a checkpoint. */
  PublicKey checkpointPublicKey() {
    return checkpointKeys.getPublic();
  }

  @Override
  public String toString() {
    return "AuditKey[" + file + "]";
  }

  private static AuditKey read(Path file) {
    requireOwnerOnly(file);
    Properties fields = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      fields.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the audit key " + file, e);
    }
    byte[] chainKey = field(file, fields, CHAIN_KEY);
    if (chainKey.length != CHAIN_KEY_BYTES) {
      throw new IllegalArgumentException(
          "audit key "
              + file
              + ": "
              + CHAIN_KEY
              + " must be "
              + CHAIN_KEY_BYTES
              + " bytes, was "
              + chainKey.length);
    }
    try {
      KeyFactory factory = KeyFactory.getInstance("Ed25519");
      KeyPair pair =
          new KeyPair(
              factory.generatePublic(new X509EncodedKeySpec(field(file, fields, PUBLIC_KEY))),
              factory.generatePrivate(new PKCS8EncodedKeySpec(field(file, fields, PRIVATE_KEY))));
      return new AuditKey(file, chainKey, pair, false);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "audit key "
              + file
              + ": "
              + PRIVATE_KEY
              + " and "
              + PUBLIC_KEY
              + " must be an Ed25519 key pair: "
              + e.getMessage(),
          e);
    }
  }

  private static byte[] field(Path file, Properties fields, String name) {
    String value = fields.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("audit key " + file + ": " + name + " is missing");
    }
    try {
      return Base64.getDecoder().decode(value.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "audit key " + file + ": " + name + " must be Base64: " + e.getMessage(), e);
    }
  }

  private static void requireOwnerOnly(Path file) {
    Set<PosixFilePermission> permissions;
    try {
      permissions = Files.getPosixFilePermissions(file);
    } catch (UnsupportedOperationException e) {
      return; // Not a POSIX file system: the directory's own protection applies.
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the audit key " + file, e);
    }
    if (!OWNER_ONLY.containsAll(permissions)) {
      throw new IllegalArgumentException(
          "audit key "
              + file
              + " must be readable by its owner only (chmod 600), was "
              + PosixFilePermissions.toString(permissions));
    }
  }

  /**
   * Writes the new file whole under a temporary name, owner-only from its creation, then links it
   * to its name: no other process ever reads half a key, and a key made meanwhile by another
   * process is never replaced (the link fails on an existing name).
   */
  private static void writeOnce(Path file, String text) throws IOException {
    Path directory = file.toAbsolutePath().getParent();
    Files.createDirectories(directory);
    Path temporary;
    try {
      FileAttribute<Set<PosixFilePermission>> ownerOnly =
          PosixFilePermissions.asFileAttribute(OWNER_ONLY);
      temporary = Files.createTempFile(directory, ".audit-key-", ".tmp", ownerOnly);
    } catch (UnsupportedOperationException e) {
      temporary = Files.createTempFile(directory, ".audit-key-", ".tmp");
    }
    try {
      Files.writeString(temporary, text, StandardCharsets.UTF_8);
      Files.createLink(file, temporary);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
