package org.tocsin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tocsin.store.Accounts;
import org.tocsin.store.LoginResult;
import org.tocsin.store.TestDatabase;
import org.tocsin.store.TestDatabase.Backend;

/**
 * {@code tocsin user add} in the packaged jar, its own JVM, with the password piped in as a script
 * would: also shows that the shaded jar carries a working Argon2id.
 */
class UserJarIT {

  private static final String PASSWORD = "correct horse battery";

  @TempDir Path tempDir;

  private record Result(int status, String out, String err) {}

  private static Result tocsin(String stdin, String... args)
      throws IOException, InterruptedException {
    String jar = System.getProperty("tocsin.jar", "target/tocsin.jar");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar);
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), out, err);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void theFirstAdminIsCreatedWithAPasswordPipedToStandardInput(Backend backend) throws Exception {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      db.closeDatabase(); // H2 files allow one process at a time
      Result result =
          tocsin(
              PASSWORD + "\n",
              "user",
              "add",
              "olena",
              "--role",
              "admin",
              "--db",
              db.url(),
              "--audit-key",
              db.auditKeyFile());

      assertThat(result.status()).as(result.err()).isZero();
      assertThat(result.out()).isEqualTo("added account olena with role admin\n");
      assertThat(result.err()).isEmpty();
      assertThat(login(db)).isInstanceOf(LoginResult.Ok.class);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aPasswordOptionIsRejectedWithStatusTwo(Backend backend) throws Exception {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      db.closeDatabase();
      Result result =
          tocsin(
              PASSWORD + "\n",
              "user",
              "add",
              "olena",
              "--role",
              "admin",
              "--password",
              PASSWORD,
              "--db",
              db.url(),
              "--audit-key",
              db.auditKeyFile());

      assertThat(result.status()).isEqualTo(2);
      assertThat(result.out()).isEmpty();
      assertThat(result.err())
          .startsWith("error: unexpected arguments (not repeated here)")
          .doesNotContain(PASSWORD);
      assertThat(login(db)).isEqualTo(new LoginResult.Unknown());
    }
  }

  private static LoginResult login(TestDatabase db) {
    return new Accounts(db.reopen(), Clock.systemUTC())
        .authenticate("olena", PASSWORD.toCharArray(), "127.0.0.1");
  }
}
