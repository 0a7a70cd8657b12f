package org.tocsin.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

  private final PasswordHasher hasher = new PasswordHasher();

  @Test
  void aHashIsArgon2idInPhcFormWithItsOwaspParametersAndVerifiesItsPassword() {
    String hash = hasher.hash("correct horse battery".toCharArray());

    assertThat(hash)
        .matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    assertThat(hash).doesNotContain("correct horse");
    assertThat(hasher.verify("correct horse battery".toCharArray(), hash)).isTrue();
  }

  @Test
  void theSamePasswordHashesDifferentlyUnderEachSaltAndBothVerify() {
    char[] password = "correct horse battery".toCharArray();

    String first = hasher.hash(password);
    String second = hasher.hash(password);

    assertThat(first).isNotEqualTo(second);
    assertThat(first.split("\\$")[4]).isNotEqualTo(second.split("\\$")[4]);
    assertThat(hasher.verify(password, first)).isTrue();
    assertThat(hasher.verify(password, second)).isTrue();
  }

  @Test
  void aWrongPasswordFailsVerification() {
    String hash = hasher.hash("correct horse battery".toCharArray());

    assertThat(hasher.verify("correct horse batterY".toCharArray(), hash)).isFalse();
    assertThat(hasher.verify(new char[0], hash)).isFalse();
  }

  @Test
  void aHashVerifiesWithTheCostStoredInItNotTheHashersOwn() {
    String cheap = new PasswordHasher(64, 1, 1, 1).hash("correct horse battery".toCharArray());

    assertThat(cheap).startsWith("$argon2id$v=19$m=64,t=1,p=1$");
    assertThat(hasher.verify("correct horse battery".toCharArray(), cheap)).isTrue();
  }

  @Test
  void aPasswordShorterThanTwelveCharactersIsRefused() {
    assertThatThrownBy(() -> hasher.hash("elevenchars".toCharArray()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("password must be at least 12 characters");
    assertThat(hasher.hash("twelve chars".toCharArray())).startsWith("$argon2id$");
  }

  @Test
  void somethingThatIsNotAnArgon2idHashIsRefusedRatherThanMatched() {
    assertThatThrownBy(() -> hasher.verify("correct horse battery".toCharArray(), "plain"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not an Argon2id hash in PHC form");
    String hash = hasher.hash("correct horse battery".toCharArray());
    assertThatThrownBy(
            () ->
                hasher.verify(
                    "correct horse battery".toCharArray(), hash.replace("m=19456", "m=9999999")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("m must be within");
  }

  /** Finding 6: 150 concurrent logins ran 150 hashes at once and starved the report ingest. */
  @Test
  void concurrentLoginsNeverRunMoreHashesAtOnceThanTheCap() throws Exception {
    PasswordHasher capped = new PasswordHasher(2_048, 1, 1, 2);
    String hash = capped.hash("correct horse battery".toCharArray());
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<Boolean>> verdicts = new ArrayList<>();
      for (int i = 0; i < 160; i++) {
        verdicts.add(pool.submit(() -> capped.verify("a wrong password".toCharArray(), hash)));
      }
      for (Future<Boolean> verdict : verdicts) {
        assertThat(verdict.get()).isFalse();
      }
    } finally {
      pool.shutdown();
    }

    assertThat(capped.mostHashesAtOnce()).isEqualTo(2);
  }

  @Test
  void aCapBelowOneIsRefusedSayingTheRule() {
    assertThatThrownBy(() -> new PasswordHasher(64, 1, 1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxConcurrentHashes must be within [1, 1024], was 0");
  }
}
