package org.latentatlas.geometry.util;

import java.util.function.IntFunction;
import org.ejml.data.DMatrixRMaj;

/** Row access helpers for point sets stored one point per row of a {@link DMatrixRMaj}. */
public final class Rows {

  private Rows() {}

  /**
   * Returns a copy of one row.
   *
   * @param m the matrix
   * @param i the row index
   * @return a new array with the row's entries
   */
  public static double[] row(DMatrixRMaj m, int i) {
    double[] r = new double[m.numCols];
    System.arraycopy(m.data, i * m.numCols, r, 0, m.numCols);
    return r;
  }

  /**
   * Builds a matrix from one array per row.
   *
   * @param rows the rows, all of the same length
   * @return a new matrix
   * @throws IllegalArgumentException if the rows differ in length
   */
  public static DMatrixRMaj of(double[]... rows) {
    Checks.notNull("rows", rows);
    int cols = rows.length == 0 ? 0 : rows[0].length;
    DMatrixRMaj m = new DMatrixRMaj(rows.length, cols);
    for (int i = 0; i < rows.length; i++) {
      Checks.length("rows", i, rows[i], cols);
      System.arraycopy(rows[i], 0, m.data, i * cols, cols);
    }
    return m;
  }

  /**
   * Builds a matrix whose row {@code i} is {@code f.apply(i)}.
   *
   * @param rows the number of rows
   * @param cols the number of columns
   * @param f the row function; each result must have length {@code cols}
   * @return a new matrix
   */
  public static DMatrixRMaj map(int rows, int cols, IntFunction<double[]> f) {
    DMatrixRMaj out = new DMatrixRMaj(rows, cols);
    for (int i = 0; i < rows; i++) {
      double[] r = f.apply(i);
      System.arraycopy(r, 0, out.data, i * cols, cols);
    }
    return out;
  }
}
