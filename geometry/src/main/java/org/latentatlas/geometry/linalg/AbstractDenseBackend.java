package org.latentatlas.geometry.linalg;

import org.ejml.data.DMatrixRMaj;
import org.latentatlas.geometry.Checks;

/**
 * Validation shared by the backends: the public methods check their arguments and handle the
 * degenerate sizes, then call the unchecked kernels of the subclass.
 */
abstract class AbstractDenseBackend implements DenseBackend {

  /** GEMM kernel on validated arguments with {@code m, n, k >= 1}. */
  abstract void gemmKernel(
      boolean transA,
      boolean transB,
      int m,
      int n,
      int k,
      double alpha,
      double[] a,
      int aOffset,
      int lda,
      double[] b,
      int bOffset,
      int ldb,
      double beta,
      double[] c,
      int cOffset,
      int ldc);

  /**
   * Both input VJPs of a dense layer \( y = x W^\top \) on unchecked arguments with {@code n, in,
   * out >= 1}: \( \bar x \leftarrow \beta_x \bar x + \bar y W \) (skipped when {@code gx} is
   * null) and \( \bar W \leftarrow \beta_W \bar W + \bar y^\top x \) (skipped when {@code gw} is
   * null), all compact row-major. Backends may share the operand {@code g} between the products.
   */
  void linearBackwardKernel(
      int n,
      int in,
      int out,
      double[] g,
      double[] w,
      double[] x,
      double[] gx,
      double betaX,
      double[] gw,
      double betaW) {
    if (gx != null) {
      gemmKernel(false, false, n, in, out, 1.0, g, 0, out, w, 0, in, betaX, gx, 0, in);
    }
    if (gw != null) {
      gemmKernel(true, false, out, in, n, 1.0, g, 0, out, x, 0, in, betaW, gw, 0, in);
    }
  }

  /** GEMV kernel on validated arguments with {@code m, n >= 1}. */
  abstract void gemvKernel(
      boolean transA,
      int m,
      int n,
      double alpha,
      double[] a,
      int aOffset,
      int lda,
      double[] x,
      int xOffset,
      double beta,
      double[] y,
      int yOffset);

  /** Eigen-decomposition of a validated square matrix with {@code n >= 1}. */
  abstract SymmetricEigenDecomposition symmetricEigenKernel(DMatrixRMaj a);

  /** Cholesky factor, or null if the validated square matrix is not positive definite. */
  abstract DMatrixRMaj choleskyKernel(DMatrixRMaj a);

  /** Thin SVD of a validated non-empty matrix. */
  abstract SingularValueDecomposition svdKernel(DMatrixRMaj a);

  @Override
  public final void gemm(
      boolean transA,
      boolean transB,
      int m,
      int n,
      int k,
      double alpha,
      double[] a,
      int aOffset,
      int lda,
      double[] b,
      int bOffset,
      int ldb,
      double beta,
      double[] c,
      int cOffset,
      int ldc) {
    nonNegative("m", m);
    nonNegative("n", n);
    nonNegative("k", k);
    Checks.finite("alpha", alpha);
    Checks.finite("beta", beta);
    checkMatrix("a", a, aOffset, "lda", lda, transA ? k : m, transA ? m : k);
    checkMatrix("b", b, bOffset, "ldb", ldb, transB ? n : k, transB ? k : n);
    checkMatrix("c", c, cOffset, "ldc", ldc, m, n);
    if (beta != 0) {
      checkFinite("c", c, cOffset, ldc, m, n);
    }
    if (m == 0 || n == 0) {
      return;
    }
    if (k == 0 || alpha == 0) {
      scale(beta, c, cOffset, ldc, m, n);
      return;
    }
    checkFinite("a", a, aOffset, lda, transA ? k : m, transA ? m : k);
    checkFinite("b", b, bOffset, ldb, transB ? n : k, transB ? k : n);
    gemmKernel(
        transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
  }

  @Override
  public final void gemm(
      boolean transA,
      boolean transB,
      double alpha,
      DMatrixRMaj a,
      DMatrixRMaj b,
      double beta,
      DMatrixRMaj c) {
    Checks.notNull("a", a);
    Checks.notNull("b", b);
    Checks.notNull("c", c);
    Checks.argument(c != a && c != b, "c", "must not be the same matrix as a or b", "a or b");
    int m = transA ? a.numCols : a.numRows;
    int k = transA ? a.numRows : a.numCols;
    int kb = transB ? b.numCols : b.numRows;
    int n = transB ? b.numRows : b.numCols;
    if (k != kb) {
      throw new IllegalArgumentException(
          "b must have "
              + k
              + (transB ? " columns" : " rows")
              + " to match op(a) ("
              + m
              + "x"
              + k
              + "), but b = "
              + b.numRows
              + "x"
              + b.numCols
              + (transB ? " transposed" : ""));
    }
    if (c.numRows != m || c.numCols != n) {
      throw new IllegalArgumentException(
          "c must be " + m + "x" + n + ", but c = " + c.numRows + "x" + c.numCols);
    }
    gemm(
        transA,
        transB,
        m,
        n,
        k,
        alpha,
        a.data,
        0,
        Math.max(1, a.numCols),
        b.data,
        0,
        Math.max(1, b.numCols),
        beta,
        c.data,
        0,
        Math.max(1, n));
  }

  @Override
  public final void gemv(
      boolean transA,
      int m,
      int n,
      double alpha,
      double[] a,
      int aOffset,
      int lda,
      double[] x,
      int xOffset,
      double beta,
      double[] y,
      int yOffset) {
    nonNegative("m", m);
    nonNegative("n", n);
    Checks.finite("alpha", alpha);
    Checks.finite("beta", beta);
    checkMatrix("a", a, aOffset, "lda", lda, m, n);
    int xLength = transA ? m : n;
    int yLength = transA ? n : m;
    checkMatrix("x", x, xOffset, "1", Math.max(1, xLength), 1, xLength);
    checkMatrix("y", y, yOffset, "1", Math.max(1, yLength), 1, yLength);
    if (beta != 0) {
      checkFinite("y", y, yOffset, yLength, 1, yLength);
    }
    if (yLength == 0) {
      return;
    }
    if (xLength == 0 || alpha == 0) {
      scale(beta, y, yOffset, yLength, 1, yLength);
      return;
    }
    checkFinite("a", a, aOffset, lda, m, n);
    checkFinite("x", x, xOffset, xLength, 1, xLength);
    gemvKernel(transA, m, n, alpha, a, aOffset, lda, x, xOffset, beta, y, yOffset);
  }

  @Override
  public final SymmetricEigenDecomposition symmetricEigen(DMatrixRMaj a) {
    checkSquare(a);
    if (a.numRows == 0) {
      return new SymmetricEigenDecomposition(new double[0], new DMatrixRMaj(0, 0));
    }
    return symmetricEigenKernel(a);
  }

  @Override
  public final DMatrixRMaj cholesky(DMatrixRMaj a) {
    checkSquare(a);
    if (a.numRows == 0) {
      return new DMatrixRMaj(0, 0);
    }
    DMatrixRMaj factor = choleskyKernel(a);
    if (factor == null) {
      throw new IllegalArgumentException(
          "a must be symmetric positive definite, but a = " + a.numRows + "x" + a.numCols
              + " matrix is not (Cholesky failed)");
    }
    return factor;
  }

  @Override
  public final SingularValueDecomposition svd(DMatrixRMaj a) {
    Checks.notNull("a", a);
    Checks.argument(
        a.numRows > 0 && a.numCols > 0, "a", "must not be empty", a.numRows + "x" + a.numCols);
    Checks.finite("a", a);
    return svdKernel(a);
  }

  @Override
  public String toString() {
    return "DenseBackend(" + kind().propertyValue() + ")";
  }

  /** Returns the upper or lower triangle of a square matrix mirrored onto the other one. */
  static DMatrixRMaj symmetrized(DMatrixRMaj a, boolean fromUpper) {
    int n = a.numRows;
    DMatrixRMaj s = a.copy();
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (fromUpper) {
          s.data[j * n + i] = s.data[i * n + j];
        } else {
          s.data[i * n + j] = s.data[j * n + i];
        }
      }
    }
    return s;
  }

  private static void checkSquare(DMatrixRMaj a) {
    Checks.notNull("a", a);
    Checks.argument(a.numRows == a.numCols, "a", "must be square", a.numRows + "x" + a.numCols);
    Checks.finite("a", a);
  }

  private static void nonNegative(String name, int value) {
    Checks.argument(value >= 0, name, "must be >= 0", value);
  }

  private static void checkMatrix(
      String name, double[] data, int offset, String ldName, int ld, int rows, int cols) {
    Checks.notNull(name, data);
    Checks.argument(offset >= 0, name + "Offset", "must be >= 0", offset);
    Checks.argument(ld >= Math.max(1, cols), ldName, "must be >= max(1, " + cols + ")", ld);
    if (rows == 0 || cols == 0) {
      return;
    }
    long last = (long) offset + (long) (rows - 1) * ld + cols;
    if (last > data.length) {
      throw new IllegalArgumentException(
          name
              + " must hold a "
              + rows
              + "x"
              + cols
              + " matrix from offset "
              + offset
              + " with leading dimension "
              + ld
              + " ("
              + last
              + " entries), but "
              + name
              + ".length = "
              + data.length);
    }
  }

  private static void checkFinite(
      String name, double[] data, int offset, int ld, int rows, int cols) {
    for (int i = 0; i < rows; i++) {
      int row = offset + i * ld;
      for (int j = 0; j < cols; j++) {
        double v = data[row + j];
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException(
              name + " must be finite, but " + name + "[" + i + ", " + j + "] = " + v);
        }
      }
    }
  }

  static void scale(double beta, double[] c, int offset, int ld, int rows, int cols) {
    for (int i = 0; i < rows; i++) {
      int row = offset + i * ld;
      for (int j = 0; j < cols; j++) {
        c[row + j] = beta == 0 ? 0.0 : beta * c[row + j];
      }
    }
  }
}
