package org.tocsin.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.stream.Stream;
import org.tocsin.alert.AlertStatus;
import org.tocsin.store.Database;
import org.tocsin.store.Role;
import org.tocsin.web.OperatorAuth;

/**
 * The demo's console accounts: an operator and an approver with fresh random passwords, on an
 * embedded database in a temporary folder that is deleted when the demo stops, so that a newcomer
 * can try the two-person flow. The demo takes only Exercise and Test drafts: it never issues an
 * Actual alert, even on a laptop.
 */
final class DemoOperators implements AutoCloseable {

  static final String OPERATOR = "demo-operator";
  static final String APPROVER = "demo-approver";
  private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

  private final Path directory;
  private final Database database;
  private final OperatorAuth auth;
  private final String operatorPassword;
  private final String approverPassword;

  private DemoOperators(Path directory, Clock wall) {
    this.directory = directory;
    this.database = Database.openEmbedded(directory);
    this.auth =
        OperatorAuth.on(database, wall, Duration.ofHours(8))
            .withStatuses(EnumSet.of(AlertStatus.EXERCISE, AlertStatus.TEST));
    SecureRandom random = new SecureRandom();
    this.operatorPassword = password(random);
    this.approverPassword = password(random);
    auth.accounts().create(OPERATOR, Role.OPERATOR, operatorPassword.toCharArray());
    auth.accounts().create(APPROVER, Role.APPROVER, approverPassword.toCharArray());
  }

  static DemoOperators create(Clock wall) {
    try {
      return new DemoOperators(Files.createTempDirectory("tocsin-demo-"), wall);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make the demo's temporary database", e);
    }
  }

  OperatorAuth auth() {
    return auth;
  }

  String operatorPassword() {
    return operatorPassword;
  }

  String approverPassword() {
    return approverPassword;
  }

  /** 16 characters that cannot be misread (no 0/o, 1/l). */
  private static String password(SecureRandom random) {
    StringBuilder password = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return password.toString();
  }

  @Override
  public void close() {
    database.close();
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(DemoOperators::delete);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + directory, e);
    }
  }

  private static void delete(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + path, e);
    }
  }
}
