package org.tocsin.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeysTest {

  @TempDir Path tempDir;

  @Test
  void theKeysAreMadeInAFolderAndFilesOnlyTheirOwnerCanRead() throws IOException {
    Path directory = tempDir.resolve("data");

    KeyPair made = SigningKeys.loadOrCreate(directory);

    assertThat(Files.getPosixFilePermissions(directory))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    try (Stream<Path> files = Files.list(directory)) {
      assertThat(files.toList())
          .hasSize(2)
          .allSatisfy(
              file ->
                  assertThat(Files.getPosixFilePermissions(file))
                      .as(file.toString())
                      .isEqualTo(PosixFilePermissions.fromString("rw-------")));
    }
    assertThat(SigningKeys.loadOrCreate(directory).getPublic()).isEqualTo(made.getPublic());
  }
}
