package org.latentatlas.learn.data;

import org.ejml.data.DMatrixRMaj;
import org.latentatlas.geometry.util.Checks;

/**
 * A classification data set: a feature matrix with one sample per row and one integer class label
 * per row.
 *
 * <p>The record holds its arrays as given (no copies, for speed with large matrices); callers
 * that need to modify them should copy first. {@link #select(int[])} extracts the rows of a split.
 *
 * <pre>{@code
 * LabeledData digits = Digits.load(Path.of("data"), true);
 * Split split = Digits.fixedSplit(Path.of("data"));
 * LabeledData train = digits.select(split.train());
 * }</pre>
 *
 * @param features the samples, {@code n x d}
 * @param labels the class labels, length {@code n}, each {@code >= 0}
 */
public record LabeledData(DMatrixRMaj features, int[] labels) {

  /**
   * Creates a data set.
   *
   * @throws IllegalArgumentException if an argument is null, the number of labels differs from
   *     the number of rows, or a label is negative
   */
  public LabeledData {
    Checks.notNull("features", features);
    Checks.notNull("labels", labels);
    if (labels.length != features.numRows) {
      throw new IllegalArgumentException(
          "labels must have one entry per row of features (" + features.numRows
              + "), but has length " + labels.length);
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0) {
        throw new IllegalArgumentException(
            "labels must be >= 0, but labels[" + i + "] = " + labels[i]);
      }
    }
  }

  /**
   * Returns the number of samples.
   *
   * @return the number of rows
   */
  public int size() {
    return labels.length;
  }

  /**
   * Returns the number of features per sample.
   *
   * @return the number of columns
   */
  public int dimension() {
    return features.numCols;
  }

  /**
   * Returns the number of classes, one more than the largest label.
   *
   * @return {@code max(labels) + 1}, or 0 for an empty data set
   */
  public int numClasses() {
    int largest = -1;
    for (int label : labels) {
      largest = Math.max(largest, label);
    }
    return largest + 1;
  }

  /**
   * Returns the number of samples of each class.
   *
   * @return an array of length {@link #numClasses()}: entry {@code k} counts label {@code k}
   */
  public int[] classCounts() {
    int[] counts = new int[numClasses()];
    for (int label : labels) {
      counts[label]++;
    }
    return counts;
  }

  /**
   * Returns the rows at the given indices, in the given order, as a new data set (copied).
   *
   * @param indices the row indices
   * @return a data set with {@code indices.length} rows
   * @throws IllegalArgumentException if {@code indices} is null or an index is outside {@code [0,
   *     size())}
   */
  public LabeledData select(int[] indices) {
    Checks.notNull("indices", indices);
    int cols = features.numCols;
    DMatrixRMaj rows = new DMatrixRMaj(indices.length, cols);
    int[] selected = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      int row = indices[i];
      if (row < 0 || row >= labels.length) {
        throw new IllegalArgumentException(
            "indices must lie in [0, " + labels.length + "), but indices[" + i + "] = " + row);
      }
      System.arraycopy(features.data, row * cols, rows.data, i * cols, cols);
      selected[i] = labels[row];
    }
    return new LabeledData(rows, selected);
  }

  @Override
  public String toString() {
    return "LabeledData(n=" + size() + ", dimension=" + dimension() + ", classes=" + numClasses()
        + ")";
  }
}
