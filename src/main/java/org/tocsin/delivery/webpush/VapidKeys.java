package org.tocsin.delivery.webpush;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import org.tocsin.store.PrivateFiles;

/**
 * The application server's VAPID key pair (RFC 8292), ECDSA on P-256: read from a directory, or
 * generated there on first run, as the CAP signing key is, so that browsers' subscriptions, which
 * name this public key, outlive restarts. The directory and both files are their owner's alone
 * ({@link PrivateFiles}).
 */
public final class VapidKeys {

  static final String PRIVATE_FILE = "vapid-key.pk8";
  static final String PUBLIC_FILE = "vapid-key.pub";

  private final ECPrivateKey privateKey;
  private final ECPublicKey publicKey;
  private final byte[] publicKeyBytes;

  private VapidKeys(KeyPair pair) {
    if (!(pair.getPrivate() instanceof ECPrivateKey priv)
        || !(pair.getPublic() instanceof ECPublicKey pub)
        || pub.getParams().getCurve().getField().getFieldSize() != 256) {
      throw new IllegalArgumentException("a VAPID key pair must be ECDSA on P-256");
    }
    this.privateKey = priv;
    this.publicKey = pub;
    this.publicKeyBytes = JdkEcdh.uncompressed(pub);
    P256.decodePublicKey("VAPID public key", publicKeyBytes);
  }

  /** Keys from a pair already at hand. */
  public static VapidKeys of(KeyPair pair) {
    return new VapidKeys(pair);
  }

  /** A new key pair, kept nowhere: for tests and benchmarks. */
  public static VapidKeys generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return new VapidKeys(generator.generateKeyPair());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks P-256", e);
    }
  }

  /**
   * The key pair in {@code directory}, created there if absent.
   *
   * @throws UncheckedIOException when the files cannot be read or written
   * @throws IllegalStateException when the files are there but hold no P-256 key pair
   */
  public static VapidKeys loadOrCreate(Path directory) {
    Path privateFile = directory.resolve(PRIVATE_FILE);
    Path publicFile = directory.resolve(PUBLIC_FILE);
    try {
      if (Files.exists(privateFile) && Files.exists(publicFile)) {
        PrivateFiles.closeToOthers(directory);
        KeyFactory factory = KeyFactory.getInstance("EC");
        return new VapidKeys(
            new KeyPair(
                factory.generatePublic(new X509EncodedKeySpec(Files.readAllBytes(publicFile))),
                factory.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(privateFile)))));
      }
      VapidKeys keys = generate();
      PrivateFiles.folder(directory);
      PrivateFiles.write(publicFile, keys.publicKey.getEncoded());
      PrivateFiles.write(privateFile, keys.privateKey.getEncoded());
      return keys;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write the VAPID key in " + directory, e);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("the VAPID key in " + directory + " is unreadable", e);
    }
  }

  /** The public key as browsers take it ({@code applicationServerKey}): uncompressed, base64url. */
  public String publicKeyBase64Url() {
    return Base64Url.encode(publicKeyBytes);
  }

  /** The public key, uncompressed (65 bytes). */
  public byte[] publicKeyBytes() {
    return publicKeyBytes.clone();
  }

  public ECPublicKey publicKey() {
    return publicKey;
  }

  /** The ES256 signature of {@code data} as JWS writes it: r and s, 32 bytes each. */
  byte[] sign(byte[] data) {
    try {
      Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
      signature.initSign(privateKey);
      signature.update(data);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ES256 signing failed", e);
    }
  }
}
