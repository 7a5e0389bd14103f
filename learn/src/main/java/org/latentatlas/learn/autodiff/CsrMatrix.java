package org.latentatlas.learn.autodiff;

import java.util.Arrays;
import org.latentatlas.geometry.util.Checks;

/**
 * An immutable sparse matrix in compressed sparse row (CSR) form: the non-zeros of row {@code i}
 * are at positions {@code rowPointers[i] .. rowPointers[i + 1] - 1} of {@code columnIndices} and
 * {@code values}, columns ascending. It is the structure of a graph's adjacency for message passing
 * ({@link SparseOps#multiply(CsrMatrix, Tensor)}); EJML's sparse matrices are column-major (CSC),
 * which suits neither row-wise aggregation nor edge-value gradients.
 */
public final class CsrMatrix {

  private final int rows;
  private final int cols;
  private final int[] rowPointers;
  private final int[] columnIndices;
  private final double[] values;

  private CsrMatrix(int rows, int cols, int[] rowPointers, int[] columnIndices, double[] values) {
    this.rows = rows;
    this.cols = cols;
    this.rowPointers = rowPointers;
    this.columnIndices = columnIndices;
    this.values = values;
  }

  /**
   * Builds a CSR matrix from coordinate (COO) triplets; duplicates are summed.
   *
   * @param rows the number of rows
   * @param cols the number of columns
   * @param rowIndex the row of each entry
   * @param columnIndex the column of each entry
   * @param values the value of each entry
   * @return the matrix
   * @throws IllegalArgumentException if the arrays differ in length, an index is out of range or a
   *     value is not finite
   */
  public static CsrMatrix fromCoordinates(
      int rows, int cols, int[] rowIndex, int[] columnIndex, double[] values) {
    Checks.argument(rows >= 0, "rows", "must be >= 0", rows);
    Checks.argument(cols >= 0, "cols", "must be >= 0", cols);
    Checks.notNull("rowIndex", rowIndex);
    Checks.notNull("columnIndex", columnIndex);
    Checks.finite("values", values);
    int nnz = rowIndex.length;
    Checks.argument(
        columnIndex.length == nnz, "columnIndex", "must have length " + nnz, columnIndex.length);
    Checks.argument(values.length == nnz, "values", "must have length " + nnz, values.length);
    for (int e = 0; e < nnz; e++) {
      int r = rowIndex[e];
      int c = columnIndex[e];
      if (r < 0 || r >= rows || c < 0 || c >= cols) {
        throw new IllegalArgumentException(
            "entry "
                + e
                + " at ("
                + r
                + ", "
                + c
                + ") is outside a "
                + rows
                + " x "
                + cols
                + " matrix");
      }
    }
    // bucket the entries by row, then sort each row by (column, entry)
    int[] rowStart = new int[rows + 1];
    for (int e = 0; e < nnz; e++) {
      rowStart[rowIndex[e] + 1]++;
    }
    for (int r = 0; r < rows; r++) {
      rowStart[r + 1] += rowStart[r];
    }
    long[] keys = new long[nnz];
    int[] fill = Arrays.copyOf(rowStart, rows);
    for (int e = 0; e < nnz; e++) {
      keys[fill[rowIndex[e]]++] = (long) columnIndex[e] * nnz + e;
    }
    int[] pointers = new int[rows + 1];
    int[] columns = new int[nnz];
    double[] vals = new double[nnz];
    int count = 0;
    for (int r = 0; r < rows; r++) {
      Arrays.sort(keys, rowStart[r], rowStart[r + 1]);
      int previous = -1;
      for (int q = rowStart[r]; q < rowStart[r + 1]; q++) {
        int c = (int) (keys[q] / nnz);
        int e = (int) (keys[q] % nnz);
        if (c == previous) {
          vals[count - 1] += values[e];
        } else {
          columns[count] = c;
          vals[count] = values[e];
          count++;
          previous = c;
        }
      }
      pointers[r + 1] = count;
    }
    return new CsrMatrix(
        rows, cols, pointers, Arrays.copyOf(columns, count), Arrays.copyOf(vals, count));
  }

  /**
   * Returns the number of rows.
   *
   * @return the rows
   */
  public int rows() {
    return rows;
  }

  /**
   * Returns the number of columns.
   *
   * @return the columns
   */
  public int cols() {
    return cols;
  }

  /**
   * Returns the number of stored entries.
   *
   * @return the number of non-zeros
   */
  public int nonZeros() {
    return columnIndices.length;
  }

  /**
   * Returns a copy of the row pointers (length {@code rows + 1}).
   *
   * @return the row pointers
   */
  public int[] rowPointers() {
    return rowPointers.clone();
  }

  /**
   * Returns a copy of the column index of each stored entry.
   *
   * @return the column indices
   */
  public int[] columnIndices() {
    return columnIndices.clone();
  }

  /**
   * Returns a copy of the stored values, in storage order.
   *
   * @return the values
   */
  public double[] values() {
    return values.clone();
  }

  /**
   * Returns the row of each stored entry, in storage order.
   *
   * @return the row indices
   */
  public int[] rowIndices() {
    int[] out = new int[columnIndices.length];
    for (int r = 0; r < rows; r++) {
      for (int e = rowPointers[r]; e < rowPointers[r + 1]; e++) {
        out[e] = r;
      }
    }
    return out;
  }

  int[] pointersView() {
    return rowPointers;
  }

  int[] columnsView() {
    return columnIndices;
  }

  double[] valuesView() {
    return values;
  }

  /**
   * Describes the matrix, e.g. {@code CsrMatrix(rows=5, cols=5, nonZeros=12)}.
   *
   * @return the description
   */
  @Override
  public String toString() {
    return "CsrMatrix(rows=" + rows + ", cols=" + cols + ", nonZeros=" + nonZeros() + ")";
  }
}
