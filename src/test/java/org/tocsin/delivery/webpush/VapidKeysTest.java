package org.tocsin.delivery.webpush;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VapidKeysTest {

  @TempDir Path temp;

  @Test
  void generatesOnFirstRunInAPrivateFolderAndReadsTheSameKeyAfter() throws Exception {
    Path dir = temp.resolve("data");

    VapidKeys first = VapidKeys.loadOrCreate(dir);
    VapidKeys again = VapidKeys.loadOrCreate(dir);

    assertThat(again.publicKeyBase64Url()).isEqualTo(first.publicKeyBase64Url());
    assertThat(first.publicKeyBase64Url()).matches("B[A-Za-z0-9_-]{86}");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
        .isEqualTo("rwx------");
    for (String file : new String[] {VapidKeys.PRIVATE_FILE, VapidKeys.PUBLIC_FILE}) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(file))))
          .isEqualTo("rw-------");
    }
  }

  @Test
  void aDamagedKeyFileIsAnErrorNotANewKey() throws Exception {
    Path dir = temp.resolve("data");
    VapidKeys.loadOrCreate(dir);
    Files.write(dir.resolve(VapidKeys.PRIVATE_FILE), new byte[] {1, 2, 3});

    assertThatThrownBy(() -> VapidKeys.loadOrCreate(dir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("the VAPID key in " + dir + " is unreadable");
  }
}
