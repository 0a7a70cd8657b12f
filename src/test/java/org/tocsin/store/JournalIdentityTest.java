package org.tocsin.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tocsin.store.TestDatabase.Backend;

class JournalIdentityTest {

  @TempDir Path first;
  @TempDir Path second;

  private final AtomicInteger made = new AtomicInteger();

  private String newSeries() {
    return "series" + String.format("%04d", made.incrementAndGet());
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aJournalKeepsItsSeriesAcrossARestartAndAnotherJournalGetsItsOwn(Backend backend)
      throws SQLException {
    try (TestDatabase one = TestDatabase.create(backend, first);
        TestDatabase other = TestDatabase.create(backend, second)) {
      String series = JournalIdentity.capSeries(one.database(), Clock.systemUTC(), this::newSeries);

      assertThat(JournalIdentity.capSeries(one.reopen(), Clock.systemUTC(), this::newSeries))
          .isEqualTo(series);
      assertThat(JournalIdentity.capSeries(other.database(), Clock.systemUTC(), this::newSeries))
          .isNotEqualTo(series);
      assertThat(made).hasValue(2);
    }
  }
}
