package org.tocsin.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditKeyTest {

  @TempDir Path tempDir;

  @Test
  void aNewKeyIsWrittenReadableByItsOwnerOnlyAndReadsBackAsTheSameKey() throws IOException {
    Path file = tempDir.resolve("nested").resolve(AuditKey.FILE_NAME);

    AuditKey made = AuditKey.loadOrCreate(file);
    AuditKey read = AuditKey.load(file);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(read.mac("record")).isEqualTo(made.mac("record")).hasSize(64);
    assertThat(read.checkpointPublicKey()).isEqualTo(made.checkpointPublicKey());
    assertThat(AuditKey.loadOrCreate(file).mac("record")).isEqualTo(made.mac("record"));
    assertThat(AuditKey.loadOrCreate(tempDir.resolve("other.key")).mac("record"))
        .isNotEqualTo(made.mac("record"));
    assertThat(made.toString()).doesNotContain(Files.readString(file).split("chain-key=")[1]);
    try (var listing = Files.list(file.getParent())) {
      assertThat(listing).containsExactly(file);
    }
  }

  @Test
  void onlyTheFirstUseOfAKeyJustMadeCountsAsNew() {
    Path file = tempDir.resolve(AuditKey.FILE_NAME);
    AuditKey made = AuditKey.loadOrCreate(file);

    assertThat(made.takeFirstUse()).isTrue();
    assertThat(made.takeFirstUse()).isFalse();
    assertThat(AuditKey.load(file).takeFirstUse()).isFalse();
  }

  @Test
  void aKeyFileOthersCanReadIsRefused() throws IOException {
    Path file = tempDir.resolve(AuditKey.FILE_NAME);
    AuditKey.loadOrCreate(file);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    assertThatThrownBy(() -> AuditKey.load(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "audit key " + file + " must be readable by its owner only (chmod 600), was rw-r--r--");
  }

  @Test
  void aMissingFileOrAMalformedFieldIsNamed() throws IOException {
    Path missing = tempDir.resolve("missing.key");
    assertThatThrownBy(() -> AuditKey.load(missing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("there is no audit key at " + missing);

    Path file = tempDir.resolve(AuditKey.FILE_NAME);
    AuditKey.loadOrCreate(file);
    String text = Files.readString(file);
    Files.writeString(file, text.replaceAll("chain-key=.*", "chain-key=AAAA"));
    assertThatThrownBy(() -> AuditKey.load(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("audit key " + file + ": chain-key must be 32 bytes, was 3");

    Files.writeString(file, text.replaceAll("checkpoint-public-key=.*\n", ""));
    assertThatThrownBy(() -> AuditKey.load(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("audit key " + file + ": checkpoint-public-key is missing");
  }
}
