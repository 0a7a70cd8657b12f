package org.tocsin.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

  @TempDir Path tempDir;

  @Test
  void theEmbeddedDatabaseIsCreatedInItsDirectoryAndMigrated() throws IOException {
    Path directory = tempDir.resolve("data").resolve("nested");

    try (Database database = Database.openEmbedded(directory)) {
      assertThat(new Journal(database, java.time.Clock.systemUTC()).lastSequence()).isZero();
    }

    assertThat(Database.embeddedFile(directory)).isRegularFile();
    assertThat(Files.size(Database.embeddedFile(directory))).isPositive();
  }

  /**
   * H2 otherwise writes commits to its file in the background every 500 ms: a process killed in
   * that window loses records it has acknowledged (tried: 10,000 of 60,000 appends lost to a kill
   * -9 with the default, none with 0).
   */
  @Test
  void theEmbeddedDatabaseWritesEachCommitToItsFileBeforeTheCommitReturns() throws SQLException {
    try (Database database = Database.openEmbedded(tempDir);
        Connection connection = DriverManager.getConnection(database.url());
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT setting_value FROM information_schema.settings"
                    + " WHERE setting_name = 'WRITE_DELAY'")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).isEqualTo("0");
    }
  }

  @Test
  void aUrlForAnotherKindOfDatabaseIsRejected() {
    assertThatThrownBy(() -> Database.open("jdbc:sqlite:tocsin.db", key()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "database URL must start with jdbc:postgresql: or jdbc:h2:, was 'jdbc:sqlite:tocsin.db'");
  }

  @Test
  void anUnreachableServerFailsNamingTheUrlWithoutItsPassword() {
    assertThatThrownBy(
            () ->
                Database.open(
                    "jdbc:postgresql://127.0.0.1:1/tocsin?user=u&password=hunter2", key()))
        .isInstanceOf(StoreException.class)
        .hasMessageStartingWith(
            "cannot connect to jdbc:postgresql://127.0.0.1:1/tocsin?user=u&password=***: ")
        .hasMessageNotContaining("hunter2");
  }

  private AuditKey key() {
    return AuditKey.loadOrCreate(tempDir.resolve(AuditKey.FILE_NAME));
  }
}
