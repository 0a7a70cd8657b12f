package org.tocsin;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * How every property test runs: QuickTheories (Apache-2.0) draws the inputs and, when one fails,
 * shrinks it towards the simplest failing input before reporting it.
 *
 * <p>Every run starts from one fixed seed, so a build sees the same inputs each time and a property
 * cannot pass on one run and fail on the next. To explore other inputs, or to replay the seed that
 * a failure's message prints ("Seed was N"), run with {@code -DQT_SEED=N}.
 *
 * <p>Each property's inputs are one record, so that a failure names every field of the smallest
 * counterexample.
 */
public final class PropertyChecks {

  /** The seed of every run unless {@code -DQT_SEED} names another. */
  public static final long DEFAULT_SEED = 20_241_121L;

  /**
   * QuickTheories first tries the shrink target, the lower bounds and the upper bounds of every
   * input; the shrink target is often the lower bounds, and QuickTheories skips an input it has
   * tried before, still counting it. Two more examples make up for such repeats.
   */
  private static final int BOUNDARY_REPEATS = 2;

  private PropertyChecks() {}

  /**
   * Checks that {@code property} holds (returns without throwing) for {@code tries} distinct
   * inputs.
   *
   * @throws AssertionError naming the smallest failing input and the seed when the property fails
   *     on one, or when the generator gave fewer than {@code tries} distinct inputs (QuickTheories
   *     skips repeats, which would silently check fewer cases than asked)
   */
  public static <T> void forAll(int tries, Gen<T> inputs, Consumer<T> property) {
    AtomicInteger ran = new AtomicInteger();
    theory(tries + BOUNDARY_REPEATS)
        .forAll(inputs)
        .checkAssert(
            input -> {
              ran.incrementAndGet();
              property.accept(input);
            });
    if (ran.get() < tries) {
      throw new AssertionError(
          "the property must run on "
              + tries
              + " distinct inputs, ran on "
              + ran.get()
              + ": its generator repeats itself");
    }
  }

  /** QuickTheories set to this project's seed and to {@code tries} examples. */
  public static QuickTheory theory(int tries) {
    return QuickTheory.qt().withFixedSeed(seed()).withExamples(tries);
  }

  /** The seed in force: {@code -DQT_SEED} when given, else {@link #DEFAULT_SEED}. */
  public static long seed() {
    String asked = System.getProperty("QT_SEED");
    return asked == null ? DEFAULT_SEED : Long.parseLong(asked.strip());
  }

  /** Doubles in [min, max], both ends included; they shrink towards {@code min}. */
  public static Gen<Double> doubles(double min, double max) {
    return SourceDSL.doubles().between(min, max);
  }

  /** Doubles in [min, max), the upper end excluded; they shrink towards {@code min}. */
  public static Gen<Double> doublesBelow(double min, double maxExcluded) {
    return doubles(min, Math.nextDown(maxExcluded));
  }

  /** Every constant of an enum, shrinking towards the first declared. */
  public static <E extends Enum<E>> Gen<E> anyOf(Class<E> type) {
    return Generate.enumValues(type);
  }

  /**
   * Strings of {@code minLength} to {@code maxLength} characters, each taken from {@code alphabet};
   * they shrink towards fewer characters and towards the alphabet's first character.
   */
  public static Gen<String> strings(String alphabet, int minLength, int maxLength) {
    int[] codePoints = alphabet.codePoints().toArray();
    Gen<Integer> lengths = Generate.range(minLength, maxLength);
    Gen<Integer> picks = Generate.range(0, codePoints.length - 1);
    return in -> {
      int length = lengths.generate(in);
      StringBuilder text = new StringBuilder(length);
      for (int i = 0; i < length; i++) {
        text.appendCodePoint(codePoints[picks.generate(in)]);
      }
      return text.toString();
    };
  }
}
