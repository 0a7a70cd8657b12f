package org.tocsin.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublicKeysTest {

  @TempDir Path dir;

  @Test
  void readsEcAndRsaKeysInDerAndPem() throws Exception {
    for (String algorithm : new String[] {"EC", "RSA"}) {
      KeyPair pair = KeyPairGenerator.getInstance(algorithm).generateKeyPair();
      Path der = Files.write(dir.resolve(algorithm + ".der"), pair.getPublic().getEncoded());
      String pem =
          "-----BEGIN PUBLIC KEY-----\n"
              + Base64.getMimeEncoder(64, "\n".getBytes())
                  .encodeToString(pair.getPublic().getEncoded())
              + "\n-----END PUBLIC KEY-----\n";
      Path pemFile = Files.writeString(dir.resolve(algorithm + ".pem"), pem);
      assertThat(PublicKeys.read(der)).isEqualTo(pair.getPublic());
      assertThat(PublicKeys.read(pemFile)).isEqualTo(pair.getPublic());
    }
  }

  @Test
  void aFileWithoutAKeyIsRefusedNamingIt() throws Exception {
    Path junk = Files.writeString(dir.resolve("junk.pem"), "not a key");
    assertThatThrownBy(() -> PublicKeys.read(junk))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("junk.pem: must hold an EC or RSA public key");
  }
}
