package org.tocsin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.quicktheories.generators.Generate.range;
import static org.tocsin.PropertyChecks.doubles;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The property library fails a false property, so a broken invariant fails the build, and shrinks
 * the failing input to the smallest one; the runs repeat the same inputs from the fixed seed.
 */
class PropertyLibraryTest {

  private static final String SMALLEST = "Smallest found falsifying value(s) :-";

  @Test
  void aFalsePredicateFailsAndShrinksToTheSmallestCounterexample() {
    AssertionError failure =
        catchThrowableOfType(
            AssertionError.class,
            () -> PropertyChecks.theory(1000).forAll(range(0, 10_000)).check(x -> x < 100));

    assertThat(failure).as("a false property must fail").isNotNull();
    assertThat(smallestIn(failure)).isEqualTo("100");
    assertThat(failure).hasMessageContaining("Seed was " + PropertyChecks.seed());
  }

  @Test
  void aFailedAssertionFailsAndShrinksToTheSmallestCounterexample() {
    AssertionError failure =
        catchThrowableOfType(
            AssertionError.class,
            () ->
                PropertyChecks.forAll(1000, range(0, 10_000), x -> assertThat(x).isLessThan(100)));

    assertThat(failure).as("a false property must fail").isNotNull();
    assertThat(smallestIn(failure)).isEqualTo("100");
  }

  @Test
  void eachFieldOfARecordOfInputsShrinksToItsSmallestFailingValue() {
    Gen<Integer> counts = range(0, 10_000);
    Gen<Pair> pairs = in -> new Pair(counts.generate(in), counts.generate(in));

    AssertionError failure =
        catchThrowableOfType(
            AssertionError.class,
            () ->
                PropertyChecks.forAll(
                    1000, pairs, pair -> assertThat(pair.a() < 100 || pair.b() < 50).isTrue()));

    assertThat(failure).as("a false property must fail").isNotNull();
    assertThat(smallestIn(failure)).isEqualTo("Pair[a=100, b=50]");
  }

  @Test
  void doublesShrinkToTheEdgeOfTheFailingRange() {
    AssertionError failure =
        catchThrowableOfType(
            AssertionError.class,
            () ->
                PropertyChecks.forAll(
                    1000, doubles(0, 10_000), x -> assertThat(x).isLessThan(100)));

    assertThat(failure).as("a false property must fail").isNotNull();
    assertThat(Double.parseDouble(smallestIn(failure))).isBetween(100.0, 100.001);
  }

  @Test
  void aGeneratorWithFewerDistinctInputsThanTheTriesFailsTheProperty() {
    AssertionError failure =
        catchThrowableOfType(
            AssertionError.class, () -> PropertyChecks.forAll(10, range(0, 2), x -> {}));

    assertThat(failure)
        .hasMessage(
            "the property must run on 10 distinct inputs, ran on 3: its generator repeats itself");
  }

  @Test
  void twoRunsDrawTheSameInputs() {
    List<Double> first = new ArrayList<>();
    List<Double> second = new ArrayList<>();

    PropertyChecks.forAll(50, doubles(-1, 1), first::add);
    PropertyChecks.forAll(50, doubles(-1, 1), second::add);

    assertThat(first).hasSizeGreaterThanOrEqualTo(50).doesNotHaveDuplicates().isEqualTo(second);
  }

  private static String smallestIn(AssertionError failure) {
    List<String> lines = failure.getMessage().lines().toList();
    assertThat(lines).contains(SMALLEST);
    return lines.get(lines.indexOf(SMALLEST) + 1);
  }

  private record Pair(int a, int b) {}
}
