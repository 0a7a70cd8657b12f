package org.tocsin.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tocsin.store.TestDatabase.Backend;

class SessionsTest {

  private static final Duration IDLE = Duration.ofMinutes(30);

  @TempDir Path tempDir;

  private final MutableClock clock = new MutableClock(TestRecords.LAUNCH);

  private Account olena(TestDatabase db) {
    return new Accounts(db.database(), clock)
        .create("olena", Role.OPERATOR, "correct horse battery".toCharArray());
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aNewSessionHasTwoDistinctRandomTokensAndFindsItsAccount(Backend backend)
      throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      Account olena = olena(db);
      Sessions sessions = new Sessions(db.database(), clock, IDLE);

      Sessions.Tokens first = sessions.create(olena);
      Sessions.Tokens second = sessions.create(olena);

      assertThat(List.of(first.sessionToken(), first.csrfToken(), second.sessionToken()))
          .allMatch(token -> token.matches("[A-Za-z0-9_-]{43}"))
          .doesNotHaveDuplicates();
      assertThat(first.toString()).doesNotContain(first.sessionToken(), first.csrfToken());
      assertThat(sessions.lookup(first.sessionToken())).contains(olena);
      assertThat(sessions.lookup(second.sessionToken())).contains(olena);
      assertThat(sessions.lookup(first.csrfToken())).isEmpty();
      assertThat(sessions.lookup("not a token")).isEmpty();
      assertThat(sessions.lookup(null)).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aSessionExpiresAfterTheIdleTimeoutAndNotBefore(Backend backend) throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      Account olena = olena(db);
      Sessions sessions = new Sessions(db.database(), clock, IDLE);
      String token = sessions.create(olena).sessionToken();

      clock.advance(IDLE.minusSeconds(1));
      assertThat(sessions.lookup(token)).as("used just before the timeout").contains(olena);
      clock.advance(IDLE.minusSeconds(1));
      assertThat(sessions.lookup(token)).as("each use restarts the timeout").contains(olena);
      clock.advance(IDLE);
      assertThat(sessions.lookup(token)).as("idle for the whole timeout").isEmpty();
      clock.advance(Duration.ofSeconds(-IDLE.toSeconds()));
      assertThat(sessions.lookup(token)).as("an expired session is gone for good").isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void theCsrfTokenMatchesOnlyItsOwnLiveSession(Backend backend) throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      Account olena = olena(db);
      Sessions sessions = new Sessions(db.database(), clock, IDLE);
      Sessions.Tokens first = sessions.create(olena);
      Sessions.Tokens second = sessions.create(olena);

      assertThat(sessions.csrfMatches(first.sessionToken(), first.csrfToken())).isTrue();
      assertThat(sessions.csrfMatches(first.sessionToken(), second.csrfToken())).isFalse();
      assertThat(sessions.csrfMatches(first.sessionToken(), first.sessionToken())).isFalse();
      assertThat(sessions.csrfMatches(first.sessionToken(), "")).isFalse();
      assertThat(sessions.csrfMatches(first.sessionToken(), null)).isFalse();
      assertThat(sessions.csrfMatches(null, first.csrfToken())).isFalse();
      clock.advance(IDLE);
      assertThat(sessions.csrfMatches(first.sessionToken(), first.csrfToken())).isFalse();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void anInvalidatedSessionNoLongerFindsItsAccountAndOthersStay(Backend backend)
      throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      Account olena = olena(db);
      Sessions sessions = new Sessions(db.database(), clock, IDLE);
      Sessions.Tokens first = sessions.create(olena);
      Sessions.Tokens second = sessions.create(olena);

      sessions.invalidate(first.sessionToken());
      sessions.invalidate("not a token");

      assertThat(sessions.lookup(first.sessionToken())).isEmpty();
      assertThat(sessions.csrfMatches(first.sessionToken(), first.csrfToken())).isFalse();
      assertThat(sessions.lookup(second.sessionToken())).contains(olena);
      try (var records = new Journal(db.database(), clock).read(1)) {
        assertThat(
                records
                    .filter(r -> r.kind() == RecordKind.OPERATOR_ACTION)
                    .filter(r -> r.payloadJson().contains("\"action\":\"logout\""))
                    .count())
            .isEqualTo(1);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void onlyDigestsOfTheTokensAreStored(Backend backend) throws SQLException {
    try (TestDatabase db = TestDatabase.create(backend, tempDir)) {
      Sessions sessions = new Sessions(db.database(), clock, IDLE);
      Sessions.Tokens tokens = sessions.create(olena(db));
      sessions.lookup(tokens.sessionToken());

      List<String> stored;
      try (Connection jdbc = db.jdbc();
          Statement statement = jdbc.createStatement()) {
        stored = AccountsTest.everyValue(statement, "SELECT * FROM sessions");
        stored.addAll(AccountsTest.everyValue(statement, "SELECT * FROM journal"));
      }

      assertThat(stored)
          .contains(Sessions.digest(tokens.sessionToken()), Sessions.digest(tokens.csrfToken()));
      assertThat(stored)
          .noneMatch(
              value -> value.contains(tokens.sessionToken()) || value.contains(tokens.csrfToken()));
    }
  }
}
