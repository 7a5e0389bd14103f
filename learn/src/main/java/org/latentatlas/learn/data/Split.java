package org.latentatlas.learn.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.latentatlas.geometry.util.Checks;
import org.latentatlas.geometry.io.NpyArray;
import org.latentatlas.geometry.io.Npz;

/**
 * A train/test split of a data set: two disjoint, sorted arrays of row indices.
 *
 * <p>The arrays are copied on construction and on access, so a split never changes. {@link
 * #equals(Object)} compares the index contents. A split is saved as an NPZ file with the int64
 * arrays {@code train_idx} and {@code test_idx}, which {@code np.load} reads directly.
 *
 * <pre>{@code
 * Split split = Splits.stratified(labels, 0.2, 0);
 * split.write(Path.of("split.npz"));
 * Split same = Split.read(Path.of("split.npz"));
 * }</pre>
 *
 * @param train the training indices, strictly increasing, non-negative
 * @param test the test indices, strictly increasing, non-negative, disjoint from {@code train}
 */
public record Split(int[] train, int[] test) {

  /** The NPZ key of the training indices. */
  public static final String TRAIN_KEY = "train_idx";

  /** The NPZ key of the test indices. */
  public static final String TEST_KEY = "test_idx";

  /**
   * Creates a split, copying the arrays.
   *
   * @throws IllegalArgumentException if an array is null, not strictly increasing, has a negative
   *     index, or the two arrays share an index
   */
  public Split {
    train = sortedIndices("train", train);
    test = sortedIndices("test", test);
    int i = 0;
    int j = 0;
    while (i < train.length && j < test.length) {
      if (train[i] == test[j]) {
        throw new IllegalArgumentException(
            "train and test must be disjoint, but both contain index " + train[i]);
      } else if (train[i] < test[j]) {
        i++;
      } else {
        j++;
      }
    }
  }

  /**
   * Returns the training indices.
   *
   * @return a copy of the training indices, increasing
   */
  @Override
  public int[] train() {
    return train.clone();
  }

  /**
   * Returns the test indices.
   *
   * @return a copy of the test indices, increasing
   */
  @Override
  public int[] test() {
    return test.clone();
  }

  /**
   * Returns the number of indices in both parts.
   *
   * @return {@code train().length + test().length}
   */
  public int size() {
    return train.length + test.length;
  }

  /**
   * Fails unless the split partitions {@code 0, ..., n - 1}: every index in exactly one part.
   *
   * @param n the number of rows of the data set
   * @return this split
   * @throws IllegalArgumentException if an index is {@code >= n} or some index below {@code n}
   *     is in neither part
   */
  public Split checkPartition(int n) {
    Checks.argument(n >= 0, "n", "must be >= 0", n);
    int largestTrain = train.length == 0 ? -1 : train[train.length - 1];
    int largestTest = test.length == 0 ? -1 : test[test.length - 1];
    int largest = Math.max(largestTrain, largestTest);
    Checks.argument(largest < n, "split", "must hold indices below n = " + n, "index " + largest);
    Checks.argument(
        size() == n, "split", "must cover all " + n + " indices", size() + " indices");
    return this;
  }

  /**
   * Writes the split as an NPZ file (deflated) with int64 arrays {@code train_idx} and {@code
   * test_idx}, replacing the file if it exists; the same split always gives the same bytes.
   *
   * @param path the file
   * @throws IllegalArgumentException if {@code path} is null
   * @throws IOException if the file cannot be written
   */
  public void write(Path path) throws IOException {
    Checks.notNull("path", path);
    Map<String, NpyArray> arrays = new LinkedHashMap<>();
    arrays.put(TRAIN_KEY, NpyArray.ofLongs(toLongs(train), train.length));
    arrays.put(TEST_KEY, NpyArray.ofLongs(toLongs(test), test.length));
    Npz.write(path, arrays, true);
  }

  /**
   * Reads a split written by {@link #write(Path)} (or by {@code np.savez} with integer arrays
   * {@code train_idx} and {@code test_idx}).
   *
   * @param path the NPZ file
   * @return the split
   * @throws IllegalArgumentException if the file lacks a key, an array is not one-dimensional
   *     integer data, an index does not fit an {@code int}, or the indices are not a valid split
   * @throws IOException if the file cannot be read
   */
  public static Split read(Path path) throws IOException {
    Checks.notNull("path", path);
    Map<String, NpyArray> arrays = Npz.read(path);
    return new Split(indices(arrays, TRAIN_KEY, path), indices(arrays, TEST_KEY, path));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Split that
        && Arrays.equals(train, that.train)
        && Arrays.equals(test, that.test);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(train) + Arrays.hashCode(test);
  }

  @Override
  public String toString() {
    return "Split(train=" + train.length + ", test=" + test.length + ")";
  }

  // ---------------------------------------------------------------- helpers

  private static int[] sortedIndices(String name, int[] indices) {
    Checks.notNull(name, indices);
    int[] copy = indices.clone();
    for (int i = 0; i < copy.length; i++) {
      if (copy[i] < 0) {
        throw new IllegalArgumentException(
            name + " must hold non-negative indices, but " + name + "[" + i + "] = " + copy[i]);
      }
      if (i > 0 && copy[i] <= copy[i - 1]) {
        throw new IllegalArgumentException(
            name + " must be strictly increasing, but " + name + "[" + (i - 1) + "] = "
                + copy[i - 1] + " and " + name + "[" + i + "] = " + copy[i]);
      }
    }
    return copy;
  }

  private static long[] toLongs(int[] values) {
    long[] out = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }

  private static int[] indices(Map<String, NpyArray> arrays, String key, Path path) {
    NpyArray array = arrays.get(key);
    if (array == null) {
      throw new IllegalArgumentException(
          "split file " + path + " must hold the key '" + key + "', but has keys "
              + arrays.keySet());
    }
    Checks.argument(
        array.ndim() == 1,
        key,
        "must be one-dimensional (in " + path + ")",
        "an array of shape " + Arrays.toString(array.shape()));
    long[] values = array.asLongs();
    int[] out = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      if (values[i] < 0 || values[i] > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            key + " must hold indices in [0, " + Integer.MAX_VALUE + "], but " + key + "[" + i
                + "] = " + values[i] + " (in " + path + ")");
      }
      out[i] = (int) values[i];
    }
    return out;
  }
}
