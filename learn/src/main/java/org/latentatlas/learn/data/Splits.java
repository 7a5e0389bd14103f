package org.latentatlas.learn.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.latentatlas.geometry.util.Checks;

/**
 * Seeded train/test splits: stratified by class, or plainly random.
 *
 * <p>Both splits shuffle with {@link java.util.Random}, whose algorithm the Java specification
 * fixes, so a seed gives the same split on every JVM (this is what keeps committed split files
 * reproducible). The shuffle is Fisher–Yates: for \( i = m-1, \dots, 1 \), swap position \( i \)
 * with position {@code random.nextInt(i + 1)}.
 *
 * <p>The stratified split takes from each class \( k \) with \( n_k \) samples exactly \( t_k =
 * \lfloor f\, n_k + 1/2 \rfloor \) test samples (\( f \) the test fraction, rounded half up,
 * i.e. {@code Math.round}): the classes are visited in increasing label order, each class's
 * indices (in increasing order) are shuffled with the one generator, and the first \( t_k \)
 * go to the test part. Each class's test share is therefore within half a sample of \( f n_k \).
 *
 * <pre>{@code
 * Split split = Splits.stratified(labels, 0.2, 0);   // 80/20, per class
 * Split plain = Splits.random(1000, 0.25, 7);        // 750/250
 * }</pre>
 *
 * <p>References: scikit-learn, {@code train_test_split(..., stratify=y)} (the same notion of a
 * stratified split; the indices it draws differ).
 */
public final class Splits {

  private Splits() {}

  /**
   * Splits the indices {@code 0, ..., labels.length - 1} into train and test parts, keeping each
   * class's proportion: class \( k \) contributes {@code Math.round(testFraction * n_k)} test
   * samples.
   *
   * @param labels the class label of each sample (any int values; classes are the distinct values)
   * @param testFraction the fraction of each class that goes to the test part, in \( (0, 1) \)
   * @param seed the seed of the shuffle
   * @return the split, both parts sorted
   * @throws IllegalArgumentException if {@code labels} is null or {@code testFraction} is not in
   *     \( (0, 1) \)
   */
  public static Split stratified(int[] labels, double testFraction, long seed) {
    Checks.notNull("labels", labels);
    checkFraction(testFraction);
    Map<Integer, List<Integer>> byClass = new TreeMap<>();
    for (int i = 0; i < labels.length; i++) {
      byClass.computeIfAbsent(labels[i], k -> new ArrayList<>()).add(i);
    }
    Random random = new Random(seed);
    int[] test = new int[labels.length];
    int[] train = new int[labels.length];
    int testCount = 0;
    int trainCount = 0;
    for (List<Integer> members : byClass.values()) {
      int[] indices = members.stream().mapToInt(Integer::intValue).toArray();
      shuffle(indices, random);
      int inTest = testCount(indices.length, testFraction);
      for (int i = 0; i < indices.length; i++) {
        if (i < inTest) {
          test[testCount++] = indices[i];
        } else {
          train[trainCount++] = indices[i];
        }
      }
    }
    return sortedSplit(train, trainCount, test, testCount);
  }

  /**
   * Splits the indices {@code 0, ..., n - 1} at random into train and test parts, ignoring
   * classes: {@code Math.round(testFraction * n)} indices go to the test part.
   *
   * @param n the number of samples, {@code >= 0}
   * @param testFraction the fraction that goes to the test part, in \( (0, 1) \)
   * @param seed the seed of the shuffle
   * @return the split, both parts sorted
   * @throws IllegalArgumentException if {@code n < 0} or {@code testFraction} is not in \( (0, 1)
   *     \)
   */
  public static Split random(int n, double testFraction, long seed) {
    Checks.argument(n >= 0, "n", "must be >= 0", n);
    checkFraction(testFraction);
    int[] indices = new int[n];
    for (int i = 0; i < n; i++) {
      indices[i] = i;
    }
    shuffle(indices, new Random(seed));
    int inTest = testCount(n, testFraction);
    int[] test = Arrays.copyOfRange(indices, 0, inTest);
    int[] train = Arrays.copyOfRange(indices, inTest, n);
    return sortedSplit(train, train.length, test, test.length);
  }

  /**
   * Returns the number of test samples that a class of {@code n} samples contributes.
   *
   * @param n the class size
   * @param testFraction the test fraction, in \( (0, 1) \)
   * @return {@code Math.round(testFraction * n)}
   * @throws IllegalArgumentException if {@code n < 0} or {@code testFraction} is not in \( (0, 1)
   *     \)
   */
  public static int testCount(int n, double testFraction) {
    Checks.argument(n >= 0, "n", "must be >= 0", n);
    checkFraction(testFraction);
    return (int) Math.min(n, Math.round(testFraction * n));
  }

  /** Shuffles in place with Fisher–Yates, drawing from {@code random} (package-private). */
  static void shuffle(int[] values, Random random) {
    for (int i = values.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = values[i];
      values[i] = values[j];
      values[j] = swap;
    }
  }

  private static void checkFraction(double testFraction) {
    if (!(testFraction > 0 && testFraction < 1)) {
      throw new IllegalArgumentException(
          "testFraction must lie in (0, 1), but testFraction = " + testFraction);
    }
  }

  private static Split sortedSplit(int[] train, int trainCount, int[] test, int testCount) {
    int[] sortedTrain = Arrays.copyOf(train, trainCount);
    int[] sortedTest = Arrays.copyOf(test, testCount);
    Arrays.sort(sortedTrain);
    Arrays.sort(sortedTest);
    return new Split(sortedTrain, sortedTest);
  }
}
