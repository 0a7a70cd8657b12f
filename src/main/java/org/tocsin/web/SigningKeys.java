package org.tocsin.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import org.tocsin.store.PrivateFiles;

/**
 * The key pair that signs the CAP messages a server issues: read from a directory, or generated
 * there on first run (ECDSA on P-256), so that receivers can pin one public key across restarts.
 * The directory and both files are their owner's alone (see {@link PrivateFiles}).
 */
public final class SigningKeys {

  private static final String PRIVATE_FILE = "cap-signing-key.pk8";
  private static final String PUBLIC_FILE = "cap-signing-key.pub";

  private SigningKeys() {}

  /** The key pair in {@code directory}, created there if absent. */
  public static KeyPair loadOrCreate(Path directory) {
    try {
      Path privateFile = directory.resolve(PRIVATE_FILE);
      Path publicFile = directory.resolve(PUBLIC_FILE);
      KeyFactory factory = KeyFactory.getInstance("EC");
      if (Files.exists(privateFile) && Files.exists(publicFile)) {
        PrivateFiles.closeToOthers(directory);
        return new KeyPair(
            factory.generatePublic(new X509EncodedKeySpec(Files.readAllBytes(publicFile))),
            factory.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(privateFile))));
      }
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair pair = generator.generateKeyPair();
      PrivateFiles.folder(directory);
      PrivateFiles.write(publicFile, pair.getPublic().getEncoded());
      PrivateFiles.write(privateFile, pair.getPrivate().getEncoded());
      return pair;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write the CAP signing key in " + directory, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the CAP signing key in " + directory + " is unreadable", e);
    }
  }
}
